"""The public contact form: what readers see, what is stored, and how bad input is answered."""

import re

import pytest
from django.test import override_settings

import services.demo
from base.demo import choose_key_page, get_or_create_child
from forms.models import ContactSubmission
from home.models import StandardPage
from services.models import ServicePage
from tests.factories import make_private
from tests.home.helpers import soup

from .conftest import valid_answers


def post(client, page, data, **extra):
    return client.post(page.url, data, follow=True, **extra)


def test_form_starts_with_the_default_fields(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    form = response.context["form"]
    assert [f.name for f in form.answer_fields] == [
        "name",
        "email",
        "phone",
        "preferred_contact_method",
        "service_of_interest",
        "message",
        "i_understand_this_form_is_not_for_emergencies",
    ]
    html = response.content.decode()
    assert "This form is not for emergencies" in html
    assert "988" in html  # the crisis notice from site settings
    assert 'class="honeypot" aria-hidden="true"' in html
    assert 'tabindex="-1"' in html
    assert 'name="form_token"' in html
    assert 'maxlength="5000"' in html


def privacy_links(client, contact_page):
    help_text = soup(client.get(contact_page.url)).select_one(
        "#id_i_understand_this_form_is_not_for_emergencies_helptext"
    )
    return [a["href"] for a in help_text.select("a")]


def test_acknowledgement_links_to_the_privacy_policy_chosen_in_settings(
    client, contact_page, home_page
):
    privacy = get_or_create_child(home_page, StandardPage, "privacy-policy", title="Privacy")
    assert privacy_links(client, contact_page) == []  # a slug alone names nothing
    choose_key_page(privacy, "privacy_page")
    assert privacy_links(client, contact_page) == ["/privacy-policy/"]
    privacy.unpublish()
    assert privacy_links(client, contact_page) == []


def test_the_privacy_link_follows_the_policy_to_its_new_address(client, contact_page, home_page):
    privacy = get_or_create_child(home_page, StandardPage, "privacy-policy", title="Privacy")
    choose_key_page(privacy, "privacy_page")
    privacy.slug = "how-we-keep-what-you-send"
    privacy.save_revision().publish()
    (link,) = privacy_links(client, contact_page)
    assert link == "/how-we-keep-what-you-send/"
    assert client.get(link).status_code == 200


def test_service_is_preselected_from_the_query_string(client, contact_page, home_page):
    services.demo.load(home_page)
    service = ServicePage.objects.live().first()
    form = client.get(f"{contact_page.url}?service={service.slug}").context["form"]
    assert form["service_of_interest"].value() == service.title
    assert (service.title, service.title) in form.fields["service_of_interest"].choices


def test_private_services_are_neither_listed_nor_preselected(client, contact_page, home_page):
    services.demo.load(home_page)
    service = ServicePage.objects.live().first()
    client.get(contact_page.url)  # the list is kept until a change: this one must show
    make_private(service)
    form = client.get(f"{contact_page.url}?service={service.slug}").context["form"]
    assert form["service_of_interest"].value() == ""
    assert (service.title, service.title) not in form.fields["service_of_interest"].choices


def test_unknown_service_slug_is_ignored(client, contact_page):
    response = client.get(f"{contact_page.url}?service=<script>")
    assert response.status_code == 200
    assert response.context["form"]["service_of_interest"].value() == ""


def test_valid_submission_is_stored_and_thanked(client, contact_page, mailoutbox):
    response = post(client, contact_page, valid_answers())
    assert response.redirect_chain == [(f"{contact_page.url}?sent", 302)]
    assert response.status_code == 200
    assert "your message has been sent" in response.content.decode()
    assert "within two working days" in response.content.decode()
    submission = ContactSubmission.objects.get()
    assert submission.status == ContactSubmission.Status.NEW
    assert submission.email == "jordan@example.org"
    assert submission.form_data["message"] == "I would like to join a peer group on Tuesdays."
    assert "form_token" not in submission.form_data
    assert "homepage" not in submission.form_data


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"name": ""}, "name", "Please fill this in."),
        ({"name": "x" * 256}, "name", "255 characters or fewer"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"email": "a@example.org\r\nBcc: victim@example.org"}, "email", "valid email"),
        ({"name": "Jordan\r\nBcc: victim@example.org"}, "name", "control characters"),
        ({"name": "Jor\x00dan"}, "name", "Null characters"),
        ({"message": "Hello\x07there"}, "message", "control characters"),
        ({"message": "x" * (1024 * 1024)}, "message", "5000 characters or fewer"),
        ({"phone": "call me maybe"}, "phone", "phone number"),
        ({"preferred_contact_method": "Carrier pigeon"}, "preferred_contact_method", "valid"),
        ({"i_understand_this_form_is_not_for_emergencies": ""}, None, "tick this box"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(
    client, contact_page, overrides, field, message
):
    data = valid_answers(**overrides)
    response = post(client, contact_page, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary" id="error-summary" role="alert"' in html
    assert "<title>Error: " in html
    assert ContactSubmission.objects.count() == 0
    form = response.context["form"]
    assert form.data["message"] == data["message"]
    if field:
        bound = form[field]
        target = form.error_target_id(bound)
        assert f'href="#{target}"' in html
        assert f'id="{bound.auto_id}_error"' in html
        described = " ".join(re.findall(r'aria-describedby="([^"]*)"', html))
        assert f"{bound.auto_id}_error" in described.split()


def test_error_messages_are_tied_to_their_fields(client, contact_page):
    response = post(client, contact_page, valid_answers(email="nope"))
    html = response.content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html


def test_tabs_and_line_breaks_are_kept_in_a_message(client, contact_page):
    message = "Line one\r\n\tindented line two"
    post(client, contact_page, valid_answers(message=message))
    assert ContactSubmission.objects.get().form_data["message"] == message


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "Robert'); DROP TABLE forms_contactsubmission;--",
        '=HYPERLINK("http://evil.example","click")',
    ],
)
def test_hostile_text_is_stored_verbatim(client, contact_page, text):
    post(client, contact_page, valid_answers(name=text[:255], message=text))
    submission = ContactSubmission.objects.get()
    assert submission.form_data["message"] == text
    assert submission.form_data["name"] == text[:255]


def test_honeypot_posts_are_stored_as_spam_without_notification(
    client, contact_page, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_page, valid_answers(homepage="http://spam.example"))
    assert response.status_code == 200
    submission = ContactSubmission.objects.get()
    assert submission.status == ContactSubmission.Status.SPAM
    assert "hidden field" in submission.spam_reason
    assert not submission.notification_pending
    assert mailoutbox == []


@pytest.mark.parametrize("token", ["", "opened:bad:signature"])
def test_missing_or_forged_timing_token_is_spam(client, contact_page, token):
    post(client, contact_page, valid_answers(form_token=token))
    assert ContactSubmission.objects.get().status == ContactSubmission.Status.SPAM


def test_posting_straight_after_opening_is_spam(client, contact_page):
    token = client.get(contact_page.url).context["form"]["form_token"].value()
    post(client, contact_page, valid_answers(form_token=token))
    submission = ContactSubmission.objects.get()
    assert submission.status == ContactSubmission.Status.SPAM
    assert "seconds" in submission.spam_reason


def test_many_links_are_spam(client, contact_page):
    links = " ".join(f"https://example.org/{i}" for i in range(4))
    post(client, contact_page, valid_answers(message=links))
    submission = ContactSubmission.objects.get()
    assert submission.status == ContactSubmission.Status.SPAM
    assert "4 links" in submission.spam_reason


@override_settings(CONTACT_RATE_LIMIT_PER_MINUTE=2)
def test_rate_limit_answers_429_with_other_ways_to_reach_us(client, contact_page):
    statuses = [post(client, contact_page, valid_answers()).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = post(client, contact_page, valid_answers())
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many messages" in html
    assert "tel:" in html and "mailto:" in html
    assert "988" in html
    assert ContactSubmission.objects.count() == 2


@override_settings(CONTACT_RATE_LIMIT_PER_MINUTE=100, CONTACT_RATE_LIMIT_PER_DAY=3)
def test_daily_rate_limit(client, contact_page):
    statuses = [post(client, contact_page, valid_answers()).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_rate_limit_is_per_address(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 1
    assert post(client, contact_page, valid_answers()).status_code == 200
    assert post(client, contact_page, valid_answers()).status_code == 429
    other = post(client, contact_page, valid_answers(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_rate_limits_default_to_five_a_minute_and_twenty_a_day(monkeypatch):
    import importlib

    from newunity.settings import base

    monkeypatch.delenv("CONTACT_RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("CONTACT_RATE_LIMIT_PER_DAY", raising=False)
    defaults = importlib.reload(base)
    assert (defaults.CONTACT_RATE_LIMIT_PER_MINUTE, defaults.CONTACT_RATE_LIMIT_PER_DAY) == (5, 20)
    monkeypatch.setenv("CONTACT_RATE_LIMIT_PER_MINUTE", "9")
    assert importlib.reload(base).CONTACT_RATE_LIMIT_PER_MINUTE == 9
    monkeypatch.delenv("CONTACT_RATE_LIMIT_PER_MINUTE")
    importlib.reload(base)
