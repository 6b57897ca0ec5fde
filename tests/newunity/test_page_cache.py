"""The full-page cache: what it stores, for whom, and when it lets go."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from wagtail.models import Comment, PageViewRestriction

from base.demo import get_or_create_child
from base.models import SiteSettings
from base.page_cache import (
    PageCacheMiddleware,
    cache_key,
    mark_cacheable,
    page_cache,
)
from blog.models import ARTICLES_PER_PAGE
from home.models import StandardPage
from tests.blog.factories import make_article, make_blog_index
from tests.factories import sign_in_verified


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache = page_cache()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks at the end of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def about(home_page):
    return get_or_create_child(
        home_page, StandardPage, "about", title="About us", intro="Who we are."
    )


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response


def test_anonymous_page_is_stored_then_served_from_the_cache(cache_on, about, client):
    first = get(client, "/about/")
    second = get(client, "/about/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_head_is_served_from_the_cache(cache_on, about, client):
    get(client, "/about/")
    assert client.head("/about/")["X-Page-Cache"] == "hit"


def test_public_page_headers(cache_on, about, client):
    for response in (get(client, "/about/"), get(client, "/about/")):
        assert response["Cache-Control"] == "public, max-age=60"
        assert "Cookie" in response["Vary"]
        assert response["ETag"]


@pytest.mark.parametrize("enabled", [True, False])
def test_conditional_get_answers_304(settings, cache_on, about, client, enabled):
    settings.PAGE_CACHE_ENABLED = enabled
    etag = get(client, "/about/")["ETag"]
    for _ in range(2):  # a miss then a hit when the cache is on
        assert client.get("/about/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/about/", headers={"if-none-match": '"other"'}).status_code == 200


def test_search_results_are_cached_per_query(cache_on, about, client):
    get(client, "/search/?query=about")
    assert get(client, "/search/?query=about")["X-Page-Cache"] == "hit"
    assert get(client, "/search/?query=team")["X-Page-Cache"] == "miss"
    too_long = client.get("/search/", {"query": "x" * 1000})
    assert too_long.status_code == 400
    assert "X-Page-Cache" not in client.get("/search/", {"query": "x" * 1000})


def test_addresses_with_parameters_a_page_does_not_read_are_served_not_stored(
    cache_on, home_page, about, client
):
    """Made-up addresses (`/?x=1`, `/?x=2`, ...) cannot fill the cache."""
    for address in ("/about/?x=1", "/about/?x=1", "/about/?page=2", "/search/?query=a&x=1"):
        response = get(client, address)
        assert "X-Page-Cache" not in response, address
    assert b"Who we are." in get(client, "/about/?x=2").content
    get(client, "/about/")
    assert get(client, "/about/")["X-Page-Cache"] == "hit"
    # The parameters a page reads still make pages of their own.
    index = make_blog_index(home_page)
    for number in range(ARTICLES_PER_PAGE + 1):
        make_article(index, f"Article {number}", with_revision=False)
    assert get(client, f"{index.url}?page=2")["X-Page-Cache"] == "miss"
    assert get(client, f"{index.url}?page=2")["X-Page-Cache"] == "hit"
    assert get(client, "/sitemap.xml?p=1")["X-Page-Cache"] == "miss"


def test_query_string_is_part_of_the_key(rf):
    assert cache_key(rf.get("/blog/?page=2&tag=a")) == cache_key(rf.get("/blog/?tag=a&page=2"))
    assert cache_key(rf.get("/blog/?page=2")) != cache_key(rf.get("/blog/"))
    assert cache_key(rf.get("/blog/?page=2")) != cache_key(rf.get("/blog/?page=3"))


def test_links_shared_with_tracking_parameters_are_served_as_the_plain_address(
    cache_on, about, client
):
    get(client, "/about/")
    shared = get(client, "/about/?utm_source=newsletter&utm_medium=email&fbclid=IwAR0abc")
    assert shared["X-Page-Cache"] == "hit"
    get(client, "/search/?query=about")
    assert get(client, "/search/?query=about&gclid=Cj0abc")["X-Page-Cache"] == "hit"


def test_no_click_identifier_is_copied_into_a_page(cache_on, home_page, client):
    index = make_blog_index(home_page)
    for number in range(ARTICLES_PER_PAGE + 1):
        make_article(index, f"Article {number}", with_revision=False)
    html = get(client, f"{index.url}?page=2&fbclid=IwAR0abc&UTM_SOURCE=x").content.decode()
    assert 'href="?page=1"' in html
    assert "IwAR0abc" not in html and "UTM_SOURCE" not in html


def test_publish_and_unpublish_show_at_once(cache_on, about, client, committed):
    get(client, "/about/")
    assert get(client, "/about/")["X-Page-Cache"] == "hit"

    about.title = "About New Unity"
    with committed():
        about.save_revision().publish()
    response = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"About New Unity" in response.content

    with committed():
        about.unpublish()
    assert client.get("/about/").status_code == 404


def test_publishing_one_page_refreshes_the_others(cache_on, home_page, about, client, committed):
    get(client, "/")
    with committed():
        get_or_create_child(home_page, StandardPage, "privacy", title="Privacy")
    assert get(client, "/")["X-Page-Cache"] == "miss"


def test_move_and_delete_invalidate(cache_on, home_page, about, client, committed):
    team = get_or_create_child(about, StandardPage, "team", title="Our team")
    get(client, "/about/team/")
    with committed():
        team.move(home_page, pos="last-child")
    assert client.get("/about/team/").status_code == 301  # Wagtail's automatic redirect
    assert get(client, "/team/")["X-Page-Cache"] == "miss"

    with committed():
        team.delete()
    assert client.get("/team/").status_code == 404


def test_site_settings_change_invalidates(cache_on, home_page, about, client, committed):
    get(client, "/about/")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "New Unity Peer Support"
    with committed():
        site_settings.save()
    response = get(client, "/about/")
    assert response["X-Page-Cache"] == "miss"
    assert b"New Unity Peer Support" in response.content


def test_rendering_pages_does_not_invalidate(cache_on, about, client):
    """Writes made while a page renders (renditions, search rows) keep the cache warm."""
    get(client, "/about/")
    get(client, "/")
    assert get(client, "/about/")["X-Page-Cache"] == "hit"
    assert get(client, "/")["X-Page-Cache"] == "hit"


def test_logged_in_editor_never_gets_a_cached_page(cache_on, about, client):
    get(client, "/about/")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in_verified(client, editor)

    for _ in range(2):
        response = get(client, "/about/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert b"wagtail-userbar" in response.content

    # Nor is the editor's page (with its userbar) stored for readers.
    client.logout()
    reader = get(Client(), "/about/")
    assert reader["X-Page-Cache"] == "hit"
    assert b"wagtail-userbar" not in reader.content


def test_readers_with_other_cookies_are_not_served_from_the_cache(cache_on, about, client):
    get(client, "/about/")
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in get(client, "/about/")


def test_private_page_is_never_stored(cache_on, about, client):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response = get(client, "/about/")  # the password form
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert b"Who we are." not in response.content


def test_cache_off_stores_nothing(settings, cache_on, about, client):
    settings.PAGE_CACHE_ENABLED = False
    get(client, "/about/")
    response = get(client, "/about/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60"


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def form_with_csrf_token(request):
    return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))


def sets_a_cookie(request):
    response = HttpResponse("<p>Hello</p>")
    response.set_cookie("seen", "yes")
    return response


def marked_private(request):
    response = HttpResponse("<p>Yours</p>")
    response["Cache-Control"] = "private"
    return response


def varies_by_language(request):
    response = HttpResponse("<p>Hello</p>")
    response["Vary"] = "Accept-Language"
    return response


def not_found(request):
    return HttpResponse("<p>Not here</p>", status=404)


@pytest.mark.parametrize(
    "view", [form_with_csrf_token, sets_a_cookie, marked_private, varies_by_language, not_found]
)
def test_personal_or_unusual_responses_are_never_stored(cache_on, rf, view):
    def page(request):
        mark_cacheable(request)
        return view(request)

    middleware = PageCacheMiddleware(page)
    for _ in range(2):
        response = middleware(rf.get("/a-page/"))
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_contact_form_submits_for_two_readers_with_the_cache_on(
    settings, cache_on, home_page, committed
):
    from forms.demo import load as load_contact_page
    from forms.models import ContactSubmission

    settings.CONTACT_MIN_FILL_SECONDS = 0
    load_contact_page(home_page)
    get(Client(), "/")  # readers arrive on cached pages
    tokens = set()
    for number in (1, 2):
        reader = Client(enforce_csrf_checks=True)
        assert get(reader, "/")["X-Page-Cache"] == "hit"
        html = get(reader, "/contact/").content.decode()
        tokens.add(CSRF_INPUT.search(html)[1])
        data = dict(HIDDEN_INPUT.findall(html))
        data.update(
            name=f"Reader {number}",
            email=f"reader{number}@example.org",
            preferred_contact_method="Email",
            message="I would like to join a group.",
            i_understand_this_form_is_not_for_emergencies="on",
        )
        with committed():
            response = reader.post("/contact/", data, REMOTE_ADDR=f"10.0.0.{number}", follow=True)
        assert response.status_code == 200, response.content
        assert b"Thank you" in response.content
    assert len(tokens) == 2
    assert ContactSubmission.objects.filter(status=ContactSubmission.Status.NEW).count() == 2
    # Submissions are private: they leave every cached page in place.
    assert get(Client(), "/")["X-Page-Cache"] == "hit"


def test_pages_are_served_while_the_cache_server_is_down(
    cache_on, cache_server_down, about, client, committed
):
    for _ in range(2):
        response = get(client, "/about/")
        assert b"Who we are." in response.content
        assert "X-Page-Cache" not in response
    # Nor does a deploy stop at its migrations.
    call_command("migrate", verbosity=0)
    with committed():
        about.save_revision().publish()
    assert b"Who we are." in get(client, "/about/").content


def test_editors_saving_drafts_and_comments_keep_cached_pages(cache_on, about, client, committed):
    editor = get_user_model().objects.create_user("editor", password="x")
    assert get(client, "/about/")["X-Page-Cache"] == "miss"
    with committed():
        about.title = "About us (draft)"
        about.save_revision(user=editor)
        about.locked, about.locked_by = True, editor
        about.save(update_fields=["locked", "locked_by", "locked_at"])
        Comment.objects.create(
            page=about,
            user=editor,
            text="Shorter?",
            contentpath="title",
            revision_created=about.latest_revision,
        )
    response = get(client, "/about/")
    assert response["X-Page-Cache"] == "hit"
    assert b"About us (draft)" not in response.content

    with committed():
        about.get_latest_revision().publish()
    assert b"About us (draft)" in get(client, "/about/").content


def test_a_preview_is_never_answered_from_the_cache(cache_on, about, client):
    # The live page, stored under the address a preview is made for.
    live = client.get("/about/", headers={"host": about.get_site().hostname})
    assert live["X-Page-Cache"] == "miss"
    about.title = "About us, as drafted"
    preview = about.make_preview_request()
    assert "X-Page-Cache" not in preview
    assert b"About us, as drafted" in preview.content
