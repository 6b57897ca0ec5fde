"""Article cards show on the home page, the blog listings, the services and under
articles. Each is rendered once per cache generation and kept for all of them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from base.page_cache import start_new_generation
from home.models import HomePage
from tests.home.helpers import soup

from .factories import make_article, make_category, make_image
from .markup import card_titles


@pytest.fixture
def kept_values_off(settings):
    settings.SITE_CHROME_CACHE_ENABLED = False


def fetches_cards(queries):
    """Whether `queries` fetched articles for their cards (with their categories)."""
    return any("_prefetch_related_val_blogpage_id" in query["sql"] for query in queries)


def test_a_card_is_fetched_once_for_every_page_that_shows_it(client, blog_index):
    hope = make_category("Hope")
    make_article(blog_index, "Shown everywhere", categories=[hope], image=make_image())
    article = make_article(blog_index, "Read now", categories=[hope])
    client.get("/")  # shows both cards, as "Keep reading" does (with the same headings)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert card_titles(response) == ["Shown everywhere"]
    assert not fetches_cards(queries)

    start_new_generation()  # as any change readers could see does
    with CaptureQueriesContext(connection) as queries:
        assert card_titles(client.get(article.url)) == ["Shown everywhere"]
    assert fetches_cards(queries)


def test_cards_show_changes_at_once(client, blog_index):
    hope = make_category("Hope")
    article = make_article(blog_index, "First title", categories=[hope])
    assert card_titles(client.get("/blog/")) == ["First title"]
    assert "Hope" in soup(client.get("/")).select_one(".card__meta").text

    article.title = "Second title"
    article.save_revision().publish()
    hope.name = "Hope and healing"
    hope.save()
    assert card_titles(client.get("/blog/")) == ["Second title"]
    assert "Hope and healing" in soup(client.get("/")).select_one(".card__meta").text

    article.unpublish()
    assert card_titles(client.get("/blog/")) == []


def test_cards_link_by_full_address_from_another_site(client, blog_index):
    article = make_article(blog_index, "Shared news")
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Our other site", slug="other-site")
    )
    Site.objects.create(hostname="other.example.org", root_page=other_home)

    def card_links(host):
        response = client.get("/", headers={"host": host})
        return [link["href"] for link in soup(response).select(".card__title a")]

    site = article.get_site()
    path = article.get_url(current_site=site)
    assert card_links(site.hostname) == [path]
    assert card_links("other.example.org") == [article.full_url]
    assert card_links(site.hostname) == [path]


@pytest.mark.parametrize("cache", ["cache_server_down", "kept_values_off"])
def test_cards_show_without_the_cache(request, client, blog_index, cache):
    request.getfixturevalue(cache)
    make_article(blog_index, "Still shown", image=make_image())
    for _ in range(2):
        assert card_titles(client.get("/blog/")) == ["Still shown"]
