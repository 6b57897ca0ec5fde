"""What every page type shares (base/pages.py): privacy, routing and breadcrumbs, as
Wagtail provides them; any change to them shows on the very next request."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from wagtail.models import Site

from base.demo import get_or_create_child
from blog.models import BlogIndexPage
from home.models import StandardPage
from services.models import ServicePage
from tests.blog.factories import make_article, make_blog_index, make_private
from tests.services.factories import make_service, make_service_index


@pytest.fixture
def about(home_page):
    return get_or_create_child(home_page, StandardPage, "about", title="About us")


def asks_for_password(response):
    assert response.status_code == 200
    return 'name="password"' in response.content.decode()


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


def test_a_section_asked_for_itself_is_still_private_or_unpublished_at_once(client, home_page):
    index = make_blog_index(home_page)
    make_article(index, "Quiet hours")
    assert client.get("/blog/").status_code == 200
    make_private(index)
    assert asks_for_password(client.get("/blog/"))
    index.unpublish()
    assert client.get("/blog/").status_code == 404


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


def test_a_page_moved_during_a_request_has_its_new_address(rf, home_page):
    article = make_article(make_blog_index(home_page), "Quiet hours")
    request = rf.get("/")
    assert article.get_url(request) == "/blog/quiet-hours/"
    article.slug = "calm-hours"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.get_url(request) == "/blog/calm-hours/"


def test_breadcrumbs_run_from_the_home_page_down_in_one_query(
    rf, home_page, django_assert_num_queries
):
    service = make_service(make_service_index(home_page), "Skill workshops")
    breadcrumbs = Template('{% include "includes/breadcrumbs.html" %}')
    request = rf.get(service.url)

    def render(page):
        return breadcrumbs.render(Context({"page": page, "request": request}))

    render(ServicePage.objects.get(pk=service.pk))  # finds the request's site
    page = ServicePage.objects.get(pk=service.pk)
    with django_assert_num_queries(1):
        html = render(page)
    links = BeautifulSoup(html, "html.parser").select("a")
    assert [(link.text, link["href"]) for link in links] == [
        ("New Unity", "/"),
        ("Services", "/services/"),
    ]
