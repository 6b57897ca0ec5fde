"""A reader sends the contact form by keyboard alone; an intake worker picks it up. A
reader whose message is refused keeps what they typed."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import forms.demo
from forms.models import ContactSubmission, SubmissionNote
from tests.browser.conftest import sign_in
from tests.browser.keyboard import tab_to
from tests.browser.test_accessibility import axe_violations, describe
from tests.factories import STAFF_PASSWORD
from tests.forms.conftest import ensure_intake_group


def test_reader_sends_the_form_by_keyboard_and_intake_picks_it_up(
    browser_page, home_page, settings
):
    settings.CONTACT_MIN_FILL_SECONDS = 1
    page = browser_page
    contact_page = forms.demo.load(home_page)

    page.goto(contact_page.url)
    page.locator("main button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    # The summary takes focus, so a screen reader announces it first.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")

    tab_to(page, name="name")
    page.keyboard.type("Riley Reader", delay=20)
    page.keyboard.press("Tab")
    page.keyboard.type("riley@example.org", delay=20)
    page.keyboard.press("Tab")
    page.keyboard.type("555 010 3333", delay=20)
    page.keyboard.press("Tab")  # into the contact-method radio group, on "Email"
    page.keyboard.press("ArrowDown")  # "Phone"
    tab_to(page, name="message")
    page.keyboard.type("Could someone tell me about the evening peer group?", delay=20)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_selector("h1:has-text('Thank you')")
    submission = ContactSubmission.objects.get()
    assert submission.status == ContactSubmission.Status.NEW, submission.spam_reason
    assert submission.form_data["preferred_contact_method"] == "Phone"

    ensure_intake_group()
    worker = get_user_model().objects.create_user("intake", password=STAFF_PASSWORD)
    worker.groups.add(Group.objects.get(name="Intake"))
    sign_in(page, worker)

    page.get_by_role("link", name="1 new submission").click()
    page.get_by_role("link", name=str(submission)).click()
    page.wait_for_selector("text=Could someone tell me about the evening peer group?")
    page.get_by_role("link", name="Change status or add a note").click()
    page.select_option("#id_status", "in_progress")
    page.fill("#id_note", "Phoned back, joining on Thursday.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Phoned back, joining on Thursday.")

    submission.refresh_from_db()
    assert submission.status == ContactSubmission.Status.IN_PROGRESS
    assert SubmissionNote.objects.get().author == worker


def test_a_reader_whose_message_is_refused_keeps_what_they_typed(browser_page, home_page, settings):
    """The security cookie lost while the tab stayed open, then too many messages: each
    time the reader is told why, in words, with their message still in the form."""
    settings.CONTACT_MIN_FILL_SECONDS = 0
    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 1
    page = browser_page
    contact_page = forms.demo.load(home_page)
    typed = "My brother needs someone to talk to. Can he come on Saturday?"

    def fill_in_and_send():
        page.fill("input[name=name]", "Alex Reader")
        page.fill("input[name=email]", "alex@example.org")
        page.fill("textarea[name=message]", typed)
        page.check("input[name=i_understand_this_form_is_not_for_emergencies]")
        page.get_by_role("button", name="Send your message").click()

    page.goto(contact_page.url)
    page.context.clear_cookies()  # the tab stayed open; the cookie expired
    fill_in_and_send()
    page.wait_for_selector("#error-summary:has-text('security check')")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Please send your message again: ")
    assert page.input_value("textarea[name=message]") == typed
    assert page.is_checked("input[name=i_understand_this_form_is_not_for_emergencies]")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_role("button", name="Send your message").click()  # as the page says
    page.wait_for_selector("h1:has-text('Thank you')")
    assert ContactSubmission.objects.get().form_data["message"] == typed

    page.goto(contact_page.url)
    fill_in_and_send()
    page.wait_for_selector("#error-summary:has-text('Too many messages')")
    assert page.input_value("textarea[name=message]") == typed
    assert page.input_value("input[name=name]") == "Alex Reader"
    assert page.locator('#error-summary a[href^="mailto:"]').is_visible()
    assert ContactSubmission.objects.count() == 1
