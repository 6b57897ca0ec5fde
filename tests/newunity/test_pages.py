"""What every page type shares (base/pages.py, base/sites.py): the site, its
private sections and its aliases are read once per cache generation, yet any change
to them shows on the very next request."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from base.demo import get_or_create_child
from base.sites import SiteMiddleware
from blog.models import BlogIndexPage
from home.models import StandardPage
from tests.blog.factories import make_article, make_blog_index, make_category, make_private
from tests.home.helpers import sql_of, sql_plan


@pytest.fixture
def about(home_page):
    return get_or_create_child(home_page, StandardPage, "about", title="About us")


def asks_for_password(response):
    assert response.status_code == 200
    return 'name="password"' in response.content.decode()


def queries_for(client, url):
    client.get(url)  # fills what is kept until the next change
    return sql_of(client, url)


def sorts_anything(queries):
    """Whether any of the captured queries sorts: finding a page by its slug needs no
    sorting (a slug names one subpage), and Django's preparing a sort by the tree path
    costs more than the database's lookup."""
    return any("ORDER BY" in query["sql"] for query in queries)


def checks_place_in_tree(queries):
    """Whether any of the captured queries tests pages' places in the tree (a range or
    start of their tree path): finding a subpage by its URL path is one equality, and
    Django spends longer preparing the tree's tests than the database spends on the
    lookup."""
    return any(re.search(r'"path"(::text)? (LIKE|BETWEEN) ', query["sql"]) for query in queries)


def test_a_page_made_private_asks_for_its_password_at_once(client, home_page):
    article = make_article(make_blog_index(home_page), "Quiet hours")
    assert not asks_for_password(client.get(article.url))

    restriction = make_private(article)
    assert asks_for_password(client.get(article.url))

    restriction.delete()
    assert not asks_for_password(client.get(article.url))


def test_pages_under_a_private_section_are_private(client, about):
    team = get_or_create_child(about, StandardPage, "team", title="Our team")
    assert not asks_for_password(client.get(team.url))
    make_private(about)
    assert asks_for_password(client.get(team.url))


def test_an_alias_of_a_private_page_is_private(client, home_page, about):
    source = get_or_create_child(about, StandardPage, "rota", title="Rota")
    make_private(source)
    alias = source.create_alias(parent=home_page, update_slug="rota-copy")
    assert asks_for_password(client.get(alias.url))


def test_listings_leave_out_a_section_made_private(client, home_page):
    index = make_blog_index(home_page)
    article = make_article(index, "Quiet hours")
    assert "Quiet hours" in client.get(index.url).content.decode()
    make_private(article)
    assert "Quiet hours" not in client.get(index.url).content.decode()


def test_public_pages_spend_no_query_on_sites_or_privacy(client, home_page):
    article = make_article(make_blog_index(home_page), "Quiet hours")
    make_private(get_or_create_child(home_page, StandardPage, "staff", title="Staff"))
    for url in [article.url, "/search/?query=quiet"]:
        queries = queries_for(client, url)
        assert not [sql for sql in queries if "wagtailcore_site" in sql], url
        assert not [sql for sql in queries if PageViewRestriction._meta.db_table in sql], url


def request_for(rf, url):
    """A new request for `url`, with its site found as the site's middleware finds it."""
    request = rf.get(url)
    SiteMiddleware(lambda request: None)(request)
    return request


def route(rf, url):
    """The page Wagtail routes a new request for `url` to, with its arguments."""
    return Page.route_for_request(request_for(rf, url), url)


def test_routing_passes_through_sections_without_a_query(rf, home_page, django_assert_num_queries):
    section = get_or_create_child(home_page, StandardPage, "about", title="About us")
    page = get_or_create_child(section, StandardPage, "team", title="Our team")
    route(rf, page.url)  # fills what is kept until the next change
    # The page itself, as the one type of subpage its section takes: the section on the
    # way is already known.
    with django_assert_num_queries(1) as queries:
        found, _, _ = route(rf, page.url)
    assert found.title == "Our team" and found.get_parent().title == "About us"
    assert not sorts_anything(queries.captured_queries)
    assert not checks_place_in_tree(queries.captured_queries)


def test_a_section_asked_for_itself_is_found_without_a_query(
    rf, home_page, django_assert_num_queries
):
    index = make_blog_index(home_page)
    make_article(index, "Quiet hours")
    route(rf, index.url)  # fills what is kept until the next change
    with django_assert_num_queries(0):
        found, _, _ = route(rf, index.url)
    assert isinstance(found, BlogIndexPage) and found.intro == "Our news."


def test_a_section_asked_for_itself_is_still_private_or_unpublished_at_once(client, home_page):
    index = make_blog_index(home_page)
    make_article(index, "Quiet hours")
    assert client.get("/blog/").status_code == 200  # the sections are kept from here
    make_private(index)
    assert asks_for_password(client.get("/blog/"))
    index.unpublish()
    assert client.get("/blog/").status_code == 404


def test_routing_finds_an_article_through_the_index_of_slugs(rf, home_page):
    article = make_article(make_blog_index(home_page), "Quiet hours")
    route(rf, article.url)  # fills what is kept until the next change
    with CaptureQueriesContext(connection) as queries:
        found, _, _ = route(rf, article.url)
    assert found == article
    [query] = queries.captured_queries
    plan = sql_plan(query["sql"])
    # Every table found by an index (the slug's for the pages), none read through.
    assert any("slug" in step for step in plan), plan
    assert not [step for step in plan if re.match(r"\s*(-> )?(SCAN|Seq Scan)\b", step)], plan


def test_routing_without_the_shared_cache_fetches_each_page_on_the_way_once(
    rf, settings, home_page, django_assert_num_queries
):
    settings.SITE_CHROME_CACHE_ENABLED = False
    section = get_or_create_child(home_page, StandardPage, "about", title="About us")
    page = get_or_create_child(section, StandardPage, "team", title="Our team")
    request = request_for(rf, page.url)
    # The section as its own type without its fields; the page itself, as the one type
    # of subpage its section takes.
    with django_assert_num_queries(2) as queries:
        found, _, _ = Page.route_for_request(request, page.url)
    assert found.title == "Our team" and found.get_parent().title == "About us"
    assert not sorts_anything(queries.captured_queries)
    assert not checks_place_in_tree(queries.captured_queries)


def test_a_page_under_a_section_of_many_types_is_fetched_as_its_own_type(
    rf, home_page, django_assert_num_queries
):
    page = get_or_create_child(home_page, StandardPage, "about", title="About us")
    route(rf, page.url)  # fills what is kept until the next change
    request = request_for(rf, page.url)
    # The home page takes pages of several types: the page, then its fields.
    with django_assert_num_queries(2) as queries:
        found, _, _ = Page.route_for_request(request, page.url)
    assert isinstance(found, StandardPage) and found.title == "About us"
    # Finding it by its slug does not sort; Wagtail's fetching its fields sorts one row.
    assert not sorts_anything(queries.captured_queries[:1])
    assert not checks_place_in_tree(queries.captured_queries)


def test_a_subpage_of_a_type_its_section_no_longer_takes_still_shows(client, about):
    # Page type rules apply to new pages: a page made before them keeps its place.
    get_or_create_child(about, BlogIndexPage, "news", title="Old news")
    assert "<h1>Old news</h1>" in client.get("/about/news/").content.decode()


def test_a_renamed_section_shows_at_once(client, home_page):
    index = make_blog_index(home_page)
    article = make_article(index, "Quiet hours")
    assert client.get("/blog/quiet-hours/").status_code == 200

    index.slug = "stories"
    index.save_revision().publish()
    assert client.get("/blog/quiet-hours/").status_code == 404
    assert client.get("/stories/quiet-hours/").status_code == 200
    assert client.get("/stories/").status_code == 200
    article.refresh_from_db()
    assert article.url == "/stories/quiet-hours/"


def test_a_page_that_gains_its_first_subpage_routes_to_it(client, about):
    client.get("/about/")
    team = get_or_create_child(about, StandardPage, "team", title="Our team")
    assert "Our team" in client.get(team.url).content.decode()
    team.unpublish()
    assert client.get(team.url).status_code == 404


def test_a_new_site_root_shows_at_once(client, home_page, about):
    assert "About us" not in client.get("/").content.decode()
    site = Site.objects.get(is_default_site=True)
    site.root_page = about
    site.save()
    assert "<h1>About us</h1>" in client.get("/").content.decode()


def test_a_page_s_address_is_worked_out_once_per_request(client, home_page, monkeypatch):
    index = make_blog_index(home_page)
    article = make_article(
        index, "Quiet hours", categories=[make_category("Recovery")], tags=["sleep", "rest"]
    )
    worked_out = Counter()
    wagtail_get_url_parts = Page.get_url_parts

    def counted(page, request=None):
        worked_out[page.url_path] += 1
        return wagtail_get_url_parts(page, request)

    url, full_url = article.url, article.full_url
    monkeypatch.setattr(Page, "get_url_parts", counted)
    html = client.get(url).content.decode()
    # The index is linked from the breadcrumbs, the feed links and each category and tag;
    # the article from its canonical link, its sharing tags and its structured data.
    assert html.count('href="/blog/') >= 4 and html.count(full_url) >= 3
    assert worked_out[index.url_path] == 1 and worked_out[article.url_path] == 1
    assert worked_out.most_common(1)[0][1] == 1


def test_a_page_moved_during_a_request_has_its_new_address(rf, home_page):
    article = make_article(make_blog_index(home_page), "Quiet hours")
    request = request_for(rf, "/")
    assert article.get_url(request) == "/blog/quiet-hours/"
    article.slug = "calm-hours"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.get_url(request) == "/blog/calm-hours/"
