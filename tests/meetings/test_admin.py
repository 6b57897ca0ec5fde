"""Staff see every group's coming meetings in the admin and cancel one date in two
clicks; the cancellation is a published revision of the group's page."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from meetings.models import GroupPage
from tests.factories import make_group
from tests.home.helpers import soup


@pytest.fixture
def editor(django_user_model, home_page):
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home_page, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("editor", password="a-long-password")
    user.groups.add(editors)
    return user


def test_staff_cancel_one_date_in_two_clicks(client, groups, editor):
    client.force_login(editor)
    listing = soup(client.get("/admin/meetings/"))
    rows = [
        " ".join(r.get_text(" ", strip=True).split())
        for r in listing.select("table.listing tbody tr")
    ]
    assert rows[0].startswith("Tuesday 5 January 6:00\u20137:30 pm Tuesday evening circle Going")
    assert any("Cancelled" in row and "No meeting on 12 January." in row for row in rows)
    circle_id = groups["circle"].pk
    cancel = listing.select_one(f'a[href="/admin/meetings/cancel/{circle_id}/2027-01-19/"]')
    assert cancel is not None  # first click

    confirm = soup(client.get(cancel["href"]))
    assert confirm.select_one("#id_note")["value"] == "No meeting on Tuesday 19 January."
    response = client.post(cancel["href"], {"note": "No meeting: the room is being painted."})
    assert response.status_code == 302  # second click

    circle = GroupPage.objects.get(pk=groups["circle"].pk)
    assert not circle.has_unpublished_changes
    assert {(c.day, c.kind) for c in circle.meeting_changes.all()} == {
        (datetime.date(2027, 1, 12), "cancelled"),
        (datetime.date(2027, 1, 19), "cancelled"),
    }
    client.logout()
    page = soup(client.get(circle.url))
    assert "No meeting: the room is being painted." in page.get_text()
    assert (
        b"EXDATE;TZID=America/Los_Angeles:20270112T180000,20270119T180000"
        in client.get(circle.url + "calendar.ics").content
    )


def test_a_moved_meeting_is_cancelled_from_the_listing(client, groups, editor):
    """The check-in of Sunday 24 January was moved to Monday 25: its "Cancel…" leads to
    the confirmation, and the cancellation replaces the move."""
    client.force_login(editor)
    check_in = groups["check_in"]
    listing = soup(client.get("/admin/meetings/"))
    row = next(r for r in listing.select("table.listing tbody tr") if "Moved from" in r.get_text())
    link = row.select_one('a[href^="/admin/meetings/cancel/"]')
    # Read out with the date of its row, where it now takes place.
    assert link.get_text() == "Cancel… Sunday online check-in on Monday 25 January"
    cancel = link["href"]
    assert cancel == f"/admin/meetings/cancel/{check_in.pk}/2027-01-24/"
    confirm = soup(client.get(cancel))
    assert "Monday 25 January, 4:00\u20135:00 pm" in confirm.get_text()
    assert client.post(cancel, {"note": "No check-in this week."}).status_code == 302
    check_in = GroupPage.objects.get(pk=check_in.pk)
    assert [(c.day, c.kind) for c in check_in.meeting_changes.all()] == [
        (datetime.date(2027, 1, 24), "cancelled")
    ]


def test_the_header_shows_each_screens_own_name(client, groups, editor):
    """The admin's header shows the last breadcrumb, not the (hidden) h1: it names the
    screen, not "Home"."""
    client.force_login(editor)
    cancel = f"/admin/meetings/cancel/{groups['circle'].pk}/2027-01-19/"
    for url, trail in [
        ("/admin/meetings/", ["Home", "Coming meetings"]),
        (cancel, ["Home", "Coming meetings", "Cancel a meeting"]),
        ("/admin/editor-guide/", ["Home", "How we edit this site"]),
    ]:
        screen = soup(client.get(url))
        crumbs = screen.select("[data-w-breadcrumbs] ol > li")
        assert [crumb.get_text(" ", strip=True) for crumb in crumbs] == trail, url
        assert [h1.get_text(strip=True) for h1 in screen.select("h1")] == [trail[-1]], url


def test_a_draft_waiting_to_be_published_keeps_its_changes_and_gets_the_cancellation(
    client, groups, editor
):
    circle = groups["circle"]
    draft = circle.get_latest_revision_as_object() if circle.latest_revision else circle
    draft.summary = "A new summary, not yet published."
    draft.save_revision(user=editor)
    client.force_login(editor)
    client.post(f"/admin/meetings/cancel/{circle.pk}/2027-01-19/", {"note": ""})
    circle.refresh_from_db()
    assert circle.summary != "A new summary, not yet published."
    assert circle.has_unpublished_changes
    latest = circle.get_latest_revision_as_object()
    assert latest.summary == "A new summary, not yet published."
    assert datetime.date(2027, 1, 19) in {c.day for c in latest.meeting_changes.all()}
    assert datetime.date(2027, 1, 19) in {c.day for c in circle.meeting_changes.all()}


def test_a_date_that_is_not_a_coming_meeting_is_refused_politely(client, groups, editor):
    client.force_login(editor)
    for day in ("2027-01-12", "2027-01-20", "2026-12-01", "not-a-date"):
        response = client.get(f"/admin/meetings/cancel/{groups['circle'].pk}/{day}/", follow=True)
        assert "no longer on the schedule" in response.content.decode()


def test_staff_who_may_not_publish_a_group_cannot_cancel_its_meetings(
    client, groups, django_user_model
):
    reader = django_user_model.objects.create_user("viewer", password="a-long-password")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    listing = soup(client.get("/admin/meetings/"))
    assert listing.select("table.listing tbody tr")
    assert not listing.select('a[href^="/admin/meetings/cancel/"]')
    # Not told to press a button they do not have, but how else to call a date off.
    intro = listing.select_one("main p").get_text()
    assert "“Cancel…”" not in intro
    assert "add the date under “Cancelled or moved meetings” and submit the page" in intro
    url = f"/admin/meetings/cancel/{groups['circle'].pk}/2027-01-19/"
    assert client.post(url, {"note": ""}).status_code in (302, 403)
    assert (
        not GroupPage.objects.get(pk=groups["circle"].pk)
        .meeting_changes.filter(day=datetime.date(2027, 1, 19))
        .exists()
    )


def test_a_group_locked_or_scheduled_to_change_is_not_cancelled_under_it(
    client, groups, editor, django_user_model
):
    circle = groups["circle"]
    colleague = django_user_model.objects.create_user("colleague", password="a-long-password")
    circle.locked, circle.locked_by = True, colleague
    circle.save()
    client.force_login(editor)
    url = f"/admin/meetings/cancel/{circle.pk}/2027-01-19/"
    response = client.post(url, {"note": ""}, follow=True)
    assert "can be cancelled once the page is unlocked" in response.content.decode()

    # A new version set to go live later would otherwise bring the meeting back.
    circle.locked = False
    circle.save()
    later = circle.get_latest_revision_as_object() if circle.latest_revision else circle
    later.go_live_at = datetime.datetime(2027, 1, 15, 9, tzinfo=datetime.UTC)
    later.save_revision(user=editor, approved_go_live_at=later.go_live_at)
    response = client.post(url, {"note": ""}, follow=True)
    assert "scheduled to go live" in response.content.decode()
    assert not circle.meeting_changes.filter(day=datetime.date(2027, 1, 19)).exists()


def test_the_page_editor_explains_what_is_wrong_with_a_schedule(client, groups, editor):
    group = make_group(groups["service"], "Unsaved", with_revision=True)
    client.force_login(editor)
    url = f"/admin/pages/{group.pk}/edit/"
    data = {
        "title": "Unsaved",
        "slug": "unsaved",
        "summary": "A group.",
        "attendance": "online",
        "meeting_rules-TOTAL_FORMS": "1",
        "meeting_rules-INITIAL_FORMS": "0",
        "meeting_rules-MIN_NUM_FORMS": "0",
        "meeting_rules-MAX_NUM_FORMS": "1000",
        "meeting_rules-0-frequency": "monthly",
        "meeting_rules-0-weekday": "",
        "meeting_rules-0-start_time": "18:00",
        "meeting_rules-0-end_time": "17:00",
        "meeting_rules-0-starts_on": "2027-01-01",
        "meeting_rules-0-ORDER": "1",
        "meeting_changes-TOTAL_FORMS": "0",
        "meeting_changes-INITIAL_FORMS": "0",
        "meeting_changes-MIN_NUM_FORMS": "0",
        "meeting_changes-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
    }
    text = client.post(url, data).content.decode()
    for message in (
        "A monthly meeting needs a day of the week",
        "Choose which week of the month",
        "The meeting ends before it starts",
        "Add the joining link, or tick",
    ):
        assert message in text, message


def test_a_change_must_name_a_date_the_group_meets_on(client, groups, editor):
    group = make_group(groups["service"], "Tuesdays", with_revision=True)
    client.force_login(editor)
    data = {
        "title": "Tuesdays",
        "slug": "tuesdays",
        "summary": "A group.",
        "attendance": "in_person",
        "venue": "Room",
        "address": "San José, CA",
        "meeting_rules-TOTAL_FORMS": "1",
        "meeting_rules-INITIAL_FORMS": "0",
        "meeting_rules-MIN_NUM_FORMS": "0",
        "meeting_rules-MAX_NUM_FORMS": "1000",
        "meeting_rules-0-frequency": "weekly",
        "meeting_rules-0-weekday": "1",
        "meeting_rules-0-start_time": "18:00",
        "meeting_rules-0-end_time": "19:30",
        "meeting_rules-0-starts_on": "2027-01-01",
        "meeting_rules-0-ORDER": "1",
        "meeting_changes-TOTAL_FORMS": "1",
        "meeting_changes-INITIAL_FORMS": "0",
        "meeting_changes-MIN_NUM_FORMS": "0",
        "meeting_changes-MAX_NUM_FORMS": "1000",
        "meeting_changes-0-day": "2027-01-20",
        "meeting_changes-0-kind": "cancelled",
        "meeting_changes-0-note": "Closed",
        "meeting_changes-0-ORDER": "1",
        "action-publish": "publish",
    }
    url = f"/admin/pages/{group.pk}/edit/"
    text = client.post(url, data).content.decode()
    assert "The group does not usually meet on Wednesday 20 January 2027" in text
    assert "Closed" in text, "what was typed is kept"
    data["meeting_changes-0-day"] = "2027-01-19"
    assert client.post(url, data).status_code == 302
    assert GroupPage.objects.get(pk=group.pk).meeting_changes.get().day == datetime.date(
        2027, 1, 19
    )
