"""An intake worker's day in the contact inbox, through the admin in Chromium: a new
message stands out among the others, spam stays out of the way until asked for; they
open the message, take it on, add a note, search, and export the inbox, whose files
then show names, local times with their zone, and cells that cannot run."""

import csv
import datetime
import io
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

import forms.demo
from forms.models import ContactSubmission, SubmissionNote
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import AXE_SCRIPT, WCAG_A_AND_AA, describe
from tests.forms.conftest import ensure_intake_group

FORMULA = '=HYPERLINK("http://evil.example","Click")'
RECEIVED = datetime.datetime(2026, 7, 1, 18, 30, 5, tzinfo=datetime.UTC)


def assert_accessible(page):
    """No WCAG 2.2 A or AA violation (the admin is held to AA; the reader pages to more)."""
    page.add_script_tag(path=AXE_SCRIPT)
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
          resultTypes: ['violations']}).then(results => results.violations)""",
        WCAG_A_AND_AA,
    )
    assert not violations, f"{page.url}:\n{describe(violations)}"


def test_intake_worker_takes_on_a_message_and_exports_the_inbox(browser_page, home_page):
    page = browser_page
    contact_page = forms.demo.load(home_page)
    ensure_intake_group()
    worker = get_user_model().objects.create_user(
        "rgarcia", password="a-long-password", first_name="Rosa", last_name="García"
    )
    worker.groups.add(Group.objects.get(name="Intake"))
    already_read = ContactSubmission.objects.create(
        page=contact_page,
        form_data={"name": "Sam Older", "email": "sam@example.org", "message": "Thanks!"},
        email="sam@example.org",
        opened_at=timezone.now(),
        status=ContactSubmission.Status.CLOSED,
    )
    new = ContactSubmission.objects.create(
        page=contact_page,
        form_data={
            "name": FORMULA,
            "email": "dana@example.org",
            "phone": "(408) 555-0142",
            "message": "<b>Could</b> someone call me about the Tuesday group?",
        },
        email="dana@example.org",
    )
    ContactSubmission.objects.filter(pk=new.pk).update(submit_time=RECEIVED)
    ContactSubmission.objects.create(
        page=contact_page,
        form_data={"name": "Buy now", "message": "Cheap pills"},
        status=ContactSubmission.Status.SPAM,
    )

    sign_in(page, worker, password="a-long-password")
    assert_accessible(page)
    # The dashboard's search box searches the inbox for them, not pages they may not see.
    page.get_by_role("searchbox", name="Search the contact inbox").fill("dana")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact-inbox/?q=dana")
    assert page.locator("table.listing > tbody > tr").count() == 1

    page.get_by_role("link", name="Contact inbox").first.click()
    page.wait_for_selector("text=1 message flagged as spam is hidden.")
    rows = page.locator("table.listing > tbody > tr")
    assert rows.count() == 2
    unread_row = rows.filter(has=page.locator(f"a:has-text('{new}')"))
    assert "Unread" in unread_row.text_content()
    assert unread_row.locator("strong").inner_text().strip() == str(new)
    read_row = rows.filter(has=page.locator(f"a:has-text('{already_read}')"))
    assert "Unread" not in read_row.text_content() and read_row.locator("strong").count() == 0
    assert unread_row.get_by_role("link", name="dana@example.org").get_attribute("href") == (
        "mailto:dana@example.org"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Show spam").click()
    page.wait_for_selector("text=Buy now")
    assert page.locator("table.listing > tbody > tr").count() == 3
    page.get_by_role("link", name="Contact inbox").first.click()
    page.wait_for_selector("text=1 message flagged as spam is hidden.")
    assert page.locator("text=Buy now").count() == 0

    page.get_by_role("link", name=str(new)).click()
    page.wait_for_selector("text=someone call me about the Tuesday group?")
    # What the sender typed is shown as they typed it, never as markup.
    assert "<b>Could</b> someone" in page.locator(".submission-answers").inner_text()
    assert page.get_by_role("link", name="dana@example.org").get_attribute("href") == (
        "mailto:dana@example.org"
    )
    assert page.get_by_role("link", name="(408) 555-0142").get_attribute("href") == (
        "tel:4085550142"
    )
    assert page.locator(".submission-assignee").inner_text() == "Nobody yet"
    assert_accessible(page)
    page.get_by_role("button", name="Assign to me").click()
    page.wait_for_selector(f"text={new} is assigned to you.")
    assert page.locator(".submission-assignee").inner_text() == "Rosa García"

    page.get_by_role("link", name="Change status or add a note").click()
    assert_accessible(page)
    page.select_option("#id_status", "in_progress")
    page.fill("#id_note", "Left a voicemail; will try again at 4pm.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Left a voicemail; will try again at 4pm.")
    assert "Rosa García" in page.locator(".submission-notes").inner_text()
    assert SubmissionNote.objects.get().author == worker

    page.get_by_role("link", name="Contact inbox").first.click()
    page.wait_for_selector("table.listing > tbody > tr")
    assert "Unread" not in page.locator("table.listing > tbody").text_content()
    assert "Rosa García" in page.locator("table.listing > tbody").inner_text()

    zone = settings.TIME_ZONE
    local = RECEIVED.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)
    inbox = page.url
    for export_format in ("CSV", "XLSX"):
        page.goto(inbox)
        page.get_by_role("button", name="Actions").click()
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download {export_format}").click()
        content = download.value.path().read_bytes()
        if export_format == "CSV":
            rows = list(csv.DictReader(io.StringIO(content.decode())))
        else:
            sheet = load_workbook(io.BytesIO(content)).active
            header, *values = list(sheet.iter_rows(values_only=True))
            rows = [dict(zip(header, row, strict=True)) for row in values]
        exported = {str(row["Submission"]): row for row in rows}
        assert set(exported) == {str(new.pk), str(already_read.pk)}, export_format
        row = exported[str(new.pk)]
        assert row["Assigned to"] == "Rosa García"
        assert row["Name"] == "'" + FORMULA
        received = row[f"Received ({zone} time)"]
        if export_format == "CSV":
            assert received == local.isoformat(sep=" ")
        else:
            assert received == local

    page.goto(inbox)
    page.get_by_role("link", name="Delete by email address").click()
    page.wait_for_selector("text=Use this when someone asks us to delete what they sent.")
    assert page.title().startswith("Delete by email address: Contact inbox")
    assert_accessible(page)
