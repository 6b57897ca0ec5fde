"""Groups' meetings through the real UI: a keyboard-only reader finds an online group's
next meeting and takes it into a calendar; a staff member cancels a date in the admin
and readers see it at once, on pages the page cache had stored."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import GroupPagePermission

from meetings import schedule
from scripts.reader_pages import reader_tab
from tests.browser.keyboard import tab_to
from tests.browser.test_accessibility import (
    AXE_SCRIPT,
    WCAG_A_AND_AA,
    axe_violations,
    describe,
)
from tests.factories import (
    make_contact_page,
    make_group,
    make_meetings_index,
    make_service,
    make_service_index,
)

T = datetime.time


@pytest.fixture
def groups(home_page, settings):
    """Three groups meeting in the coming days, whatever today is; the page cache on."""
    settings.PAGE_CACHE_ENABLED = True
    make_contact_page(home_page)
    service = make_service(make_service_index(home_page), "Peer-run groups")
    make_meetings_index(home_page)
    today = timezone.localdate()
    started = today - datetime.timedelta(days=60)

    def weekly(days_ahead, **fields):
        weekday = (today + datetime.timedelta(days=days_ahead)).weekday()
        return [
            {
                "weekday": weekday,
                "start_time": T(18),
                "end_time": T(19, 30),
                "starts_on": started,
                **fields,
            }
        ]

    return {
        "circle": make_group(service, "Evening circle", rules=weekly(2), with_revision=True),
        "online": make_group(
            service,
            "Online check-in",
            attendance="online",
            online_link="https://meet.example.org/check-in",
            address="",
            venue="",
            rules=weekly(3),
            with_revision=True,
        ),
        "family": make_group(
            service,
            "Family evening",
            attendance="both",
            link_on_request=True,
            rules=weekly(4),
            with_revision=True,
        ),
        "today": today,
    }


def assert_axe_clean(page, admin=False):
    """No WCAG A or AA violation; reader pages also keep to AAA text contrast, as the site's
    design promises (Wagtail's own admin colours are AA)."""
    if admin:
        page.add_script_tag(path=AXE_SCRIPT)
        violations = page.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
              resultTypes: ['violations']}).then(results => results.violations)""",
            WCAG_A_AND_AA,
        )
    else:
        violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def listed_groups(page):
    return set(page.locator(".meeting__title").all_inner_texts())


def test_reader_filters_to_online_groups_by_keyboard_and_downloads_a_meeting(
    browser, live_server, groups, tmp_path
):
    with reader_tab(browser, live_server, "desktop", accept_downloads=True) as page:
        page.goto("/meetings/")
        assert listed_groups(page) == {"Evening circle", "Online check-in", "Family evening"}
        next_day = groups["today"] + datetime.timedelta(days=2)
        assert page.locator(".meeting-day h3").first.inner_text() == schedule.day_label(next_day)
        assert_axe_clean(page)

        tab_to(page, name="attendance")
        page.keyboard.press("o")  # "Online", by its first letter
        assert page.evaluate("document.activeElement.value") == "online"
        tab_to(page, text="Show meetings")
        page.keyboard.press("Enter")
        page.wait_for_url("**/meetings/?*attendance=online*")
        assert listed_groups(page) == {"Online check-in", "Family evening"}
        assert_axe_clean(page)

        tab_to(page, text="Online check-in")
        page.keyboard.press("Enter")
        page.wait_for_url("**/online-check-in/")
        assert page.get_by_role("link", name="Join the meeting online").get_attribute("href") == (
            "https://meet.example.org/check-in"
        )
        assert_axe_clean(page)

        tab_to(
            page, text=page.locator(".meeting__add a").first.evaluate("a => a.textContent.trim()")
        )
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        saved = Path(tmp_path) / "meeting.ics"
        download.value.save_as(saved)
        (event,) = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Online check-in"
        meeting_day = groups["today"] + datetime.timedelta(days=3)
        assert event.decoded("DTSTART") == schedule.local_moment(meeting_day, T(18))

        # Back to the list before filtering: the filters show what the list holds, not
        # the choice the browser remembered making there.
        page.go_back()
        page.go_back()
        page.wait_for_url("**/meetings/")
        assert page.input_value("#id_attendance") == ""
        assert len(listed_groups(page)) == 3

    with reader_tab(browser, live_server, "phone", color_scheme="dark") as phone:
        for url in ("/meetings/?attendance=online", groups["online"].url):
            phone.goto(url)
            assert_axe_clean(phone)


def test_staff_cancel_a_date_and_readers_see_it_at_once(browser, live_server, groups):
    circle = groups["circle"]
    day = groups["today"] + datetime.timedelta(days=2)
    label = schedule.day_label(day)
    with reader_tab(browser, live_server) as reader:
        reader.goto(circle.url)  # stored by the page cache
        assert reader.locator(".meeting--cancelled").count() == 0

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=circle.get_parent(),
            permission=Permission.objects.get(codename=codename),
        )
    editor = get_user_model().objects.create_user("editor", password="a-long-password")
    editor.groups.add(editors)

    with reader_tab(browser, live_server) as page:
        page.goto("/admin/login/")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", "a-long-password")
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        page.get_by_role("link", name="Meetings").first.click()
        page.wait_for_url("**/admin/meetings/")
        assert_axe_clean(page, admin=True)
        page.get_by_role("link", name=f"Cancel… Evening circle on {label}").click()
        assert_axe_clean(page, admin=True)
        page.get_by_role("button", name="Yes, cancel this meeting").click()
        page.wait_for_url("**/admin/meetings/")
        assert "is cancelled" in page.locator(".messages").inner_text()

    with reader_tab(browser, live_server) as reader:
        reader.goto(circle.url)
        cancelled = reader.locator(".meeting--cancelled")
        assert cancelled.count() == 1
        assert f"No meeting on {label}." in cancelled.inner_text()
        assert "Next meeting" in reader.locator(".facts").inner_text()
        assert label not in reader.locator(".facts div").first.inner_text()
        reader.goto("/meetings/")
        day_section = reader.locator(f"#day-{day:%Y-%m-%d}").locator("xpath=..")
        assert "Cancelled" in day_section.inner_text()
        feed = reader.request.get(circle.url + "calendar.ics").text()
        assert f"EXDATE;TZID=America/Los_Angeles:{day:%Y%m%d}T180000" in feed
