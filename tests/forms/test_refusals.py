"""Posts the contact page refuses: each refusal keeps what the reader typed, shows it in
the form again with a plain explanation, and stores nothing."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client

from forms.models import ContactSubmission
from forms.spam import TOKEN_SALT

from .conftest import valid_answers

TYPED = "Could someone call me after 5pm? I have been sober 40 days."


def post(client, page, data, **extra):
    return client.post(page.url, data, follow=True, **extra)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_form_holds_what_was_typed(response, data):
    page = soup(response)
    assert page.select_one("#error-summary[role=alert]") is not None
    assert page.select_one("textarea[name=message]").get_text().strip() == data["message"]
    assert page.select_one("input[name=name]")["value"] == data["name"]
    assert page.select_one("input[name=email]")["value"] == data["email"]
    assert (
        page.select_one("input[name=preferred_contact_method][checked]")["value"]
        == (data["preferred_contact_method"])
    )
    assert page.select_one("input[name=i_understand_this_form_is_not_for_emergencies][checked]")
    # A fresh token: sending the refilled form again is a new, valid post.
    assert page.select_one("input[name=form_token]")["value"] != data["form_token"]
    assert "no-store" in response["Cache-Control"]


def test_a_form_token_is_good_for_one_stored_message(client, contact_page):
    data = valid_answers(message=TYPED)
    assert post(client, contact_page, data).status_code == 200
    replayed = post(client, contact_page, data)

    assert replayed.status_code == 409
    assert "This message was already sent" in replayed.content.decode()
    assert_form_holds_what_was_typed(replayed, data)
    assert ContactSubmission.objects.count() == 1


def test_a_replayed_token_is_refused_even_when_the_first_post_was_spam(client, contact_page):
    data = valid_answers(homepage="http://spam.example")
    post(client, contact_page, data)
    assert post(client, contact_page, data).status_code == 409
    assert ContactSubmission.objects.get().status == ContactSubmission.Status.SPAM


def test_a_reader_sending_the_refilled_form_again_is_stored(client, contact_page, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0  # the reader presses Send again at once
    data = valid_answers(message=TYPED)
    post(client, contact_page, data)
    refused = post(client, contact_page, data)
    again = {**data, "form_token": soup(refused).select_one("input[name=form_token]")["value"]}
    time.sleep(1)  # tokens count whole seconds
    assert post(client, contact_page, again).status_code == 200
    assert ContactSubmission.objects.count() == 2


def test_a_form_open_for_more_than_a_day_is_sent_again_by_the_reader(client, contact_page):
    class TwoDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 2 * 24 * 3600)

    data = valid_answers(message=TYPED, form_token=TwoDaysAgo(salt=TOKEN_SALT).sign("x"))
    response = post(client, contact_page, data)
    assert response.status_code == 409
    assert "open for more than a day" in response.content.decode()
    assert_form_holds_what_was_typed(response, data)
    assert ContactSubmission.objects.count() == 0


def test_only_stored_posts_count_toward_the_limit(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 1
    for _ in range(3):
        response = post(client, contact_page, valid_answers(email="not an address"))
        assert response.status_code == 200
        assert "valid email" in response.content.decode()
    assert post(client, contact_page, valid_answers()).status_code == 200
    assert ContactSubmission.objects.count() == 1


def test_the_rate_limit_page_is_the_form_with_what_was_typed(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 1
    post(client, contact_page, valid_answers())
    data = valid_answers(message=TYPED)
    response = post(client, contact_page, data)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "<title>Too many messages in a short time: " in html
    assert "wait a minute" in html
    assert "tel:" in html and "mailto:" in html
    assert_form_holds_what_was_typed(response, data)
    assert ContactSubmission.objects.count() == 1


def test_the_daily_limit_says_when_to_come_back(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT_PER_DAY = 1
    post(client, contact_page, valid_answers())
    response = post(client, contact_page, valid_answers())
    assert response.status_code == 429
    assert "tomorrow" in response.content.decode()
    assert response["Retry-After"] == "3600"


def test_the_rate_limit_outlives_the_cache(client, contact_page, settings):
    """Limits are counted from what was stored, not from cache entries an eviction or a
    restart of the cache server could drop."""
    from django.core.cache import caches

    settings.CONTACT_RATE_LIMIT_PER_MINUTE = 1
    post(client, contact_page, valid_answers())
    for cache in caches.all():
        cache.clear()
    assert post(client, contact_page, valid_answers()).status_code == 429


def test_a_failed_csrf_check_shows_the_form_with_what_was_typed(contact_page):
    reader = Client(enforce_csrf_checks=True)
    reader.get(contact_page.url)
    reader.cookies.clear()  # the cookie expired, or the browser dropped it
    data = valid_answers(message=TYPED)
    response = reader.post(contact_page.url, data)

    assert response.status_code == 403
    assert "did not send back the security check" in response.content.decode()
    assert_form_holds_what_was_typed(response, data)
    assert ContactSubmission.objects.count() == 0

    # The page set a new cookie and holds its token: pressing Send again works.
    again = {
        **data,
        "csrfmiddlewaretoken": soup(response).select_one("[name=csrfmiddlewaretoken]")["value"],
    }
    assert reader.post(contact_page.url, again).status_code == 302
    assert ContactSubmission.objects.get().form_data["message"] == TYPED


def test_a_failed_csrf_check_elsewhere_is_djangos_page(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


@pytest.mark.parametrize(
    "field, typed, stored",
    [
        ("name", "\u202eJordan Example", "Jordan Example"),
        ("name", "Jor\u200bdan\u2066 Ex\u2069ample\ufeff", "Jordan Example"),
        ("name", "\u200e Jordan \u200f", "Jordan"),
        ("email", "jordan@exa\u200bmple.org", "jordan@example.org"),
        ("phone", "\u202a(555) 010-9999\u202c", "(555) 010-9999"),
        # Joiners spell words in Persian and Hindi, and make emoji: they stay inside.
        ("name", "\u200dمی\u200cخواهم", "می\u200cخواهم"),
        ("name", "Sam \U0001f469\u200d\U0001f467", "Sam \U0001f469\u200d\U0001f467"),
        ("email", "jordan@exa\u200dmple.org", "jordan@example.org"),
    ],
)
def test_invisible_formatting_characters_are_removed_from_single_line_fields(
    client, contact_page, field, typed, stored
):
    assert post(client, contact_page, valid_answers(**{field: typed})).status_code == 200
    assert ContactSubmission.objects.get().form_data[field] == stored


def test_a_name_of_only_invisible_characters_is_missing(client, contact_page):
    response = post(client, contact_page, valid_answers(name="\u200b\u202e"))
    assert "Please fill this in." in response.content.decode()
    assert ContactSubmission.objects.count() == 0
