"""The page shell every reader page shares (templates/base.html), the 404 page
on it, and the standalone 500 page."""

import re

import pytest
from django.db import DatabaseError, OperationalError
from django.template.loader import get_template

from base.views import server_error

URL_ATTRIBUTE = re.compile(r'(?:src|href|action)="(https?:)?//([^/"]+)')


def test_reader_page_shell(client, home_page):
    html = client.get(home_page.url).content.decode()

    assert '<html lang="en">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert html.index('class="skip-link" href="#main"') < html.index('<header class="site-header">')
    assert '<main id="main" tabindex="-1">' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<footer class="site-footer">' in html
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', html) == [home_page.full_url]
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    assert html.count('rel="stylesheet"') == 1
    assert re.search(r'<script src="[^"]+/site\.js" defer></script>', html)
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    assert html.count('name="theme-color"') == 2


def test_reader_page_names_no_other_site_for_the_browser_to_fetch(client, home_page):
    html = client.get(home_page.url).content.decode()

    # Only the canonical link may be absolute, and it names this site.
    hosts = {host for _, host in URL_ATTRIBUTE.findall(html)}
    assert hosts <= {"localhost"}


def test_not_found_page_keeps_the_layout_and_offers_a_way_on(client, home_page):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "find that page" in html
    assert '<main id="main"' in html
    assert 'class="skip-link"' in html and '<footer class="site-footer">' in html
    assert 'role="search"' in html
    assert 'rel="canonical"' not in html


def test_server_error_page_renders_without_request_or_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()

    assert "<h1>Something went wrong on our side</h1>" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "988" in html


def test_a_message_the_database_could_not_take_is_shown_back_whole(rf):
    """The 503 page of a database error holds every answer of a contact message: a
    ticked box reads "Yes", and a question with several boxes keeps each choice."""
    answers = {
        "form_token": "signed-token",
        "name": "Sam Reader",
        "services": ["Peer groups", "Mentoring"],
        "not_an_emergency": "on",
    }
    try:
        raise OperationalError("unable to open database file")
    except DatabaseError:
        response = server_error(rf.post("/contact/", answers))

    html = response.content.decode()
    assert response.status_code == 503
    assert re.search(r"<dt>Services</dt>\s*<dd>Peer groups, Mentoring</dd>", html)
    assert re.search(r"<dt>Not an emergency</dt>\s*<dd>Yes</dd>", html)
    for name, value in [
        ("services", "Peer groups"),
        ("services", "Mentoring"),
        ("not_an_emergency", "on"),
        ("form_token", "signed-token"),
    ]:
        assert f'<input type="hidden" name="{name}" value="{value}">' in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_database_error_on_anything_but_a_message_gets_the_plain_503(rf, method):
    request = getattr(rf, method)("/admin/login/", {"username": "sam", "password": "secret"})
    try:
        raise OperationalError("unable to open database file")
    except DatabaseError:
        response = server_error(request)

    assert response.status_code == 503
    assert "not available just now" in response.content.decode()
    assert "secret" not in response.content.decode()
