"""Article cards show on the home page, the blog listings, the services and under
articles, kept with the page's fragments until the next change."""

from wagtail.models import Page, Site

from home.models import HomePage
from tests.home.helpers import soup

from .factories import make_article, make_category, make_image
from .markup import card_titles


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


def test_cards_show_while_the_cache_server_is_down(cache_server_down, client, blog_index):
    make_article(blog_index, "Still shown", image=make_image())
    for _ in range(2):
        assert card_titles(client.get("/blog/")) == ["Still shown"]
