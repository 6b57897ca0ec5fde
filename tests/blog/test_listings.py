import datetime

import pytest
from django.template.loader import render_to_string
from taggit.models import Tag

from base.demo import get_or_create_child
from blog import listings
from blog.listings import Listing
from blog.models import BlogIndexPage, BlogPage
from tests.factories import make_article, make_category, make_image, make_private
from tests.home.helpers import query_plan, soup, walks_newest_first

from .markup import canonical, card_titles, feed_links


@pytest.fixture
def twelve_articles(blog_index):
    return [
        make_article(
            blog_index, f"Article {day:02d}", date=datetime.date(2025, 5, day), with_revision=False
        )
        for day in range(1, 13)
    ]


@pytest.fixture(params=["gathered", "walked"])
def walk_threshold(request, monkeypatch):
    """Category and tag listings take either path to their articles, by their size."""
    if request.param == "walked":
        monkeypatch.setattr(listings, "WALK_FROM", 1)
    return request.param


def test_index_lists_articles_newest_first_ten_per_page(client, blog_index, twelve_articles):
    first = client.get("/blog/")
    assert card_titles(first) == [f"Article {day:02d}" for day in range(12, 2, -1)]
    second = client.get("/blog/?page=2")
    assert card_titles(second) == ["Article 02", "Article 01"]
    assert canonical(second) == "http://localhost/blog/?page=2"
    assert canonical(first) == "http://localhost/blog/"


@pytest.mark.parametrize(
    ("page", "expected_first"),
    [
        ("abc", "Article 12"),
        ("-1", "Article 02"),
        ("0", "Article 02"),
        ("999", "Article 02"),
        ("1.5", "Article 12"),
        ("", "Article 12"),
        ("2%00", "Article 12"),
    ],
)
def test_bad_page_numbers_show_a_valid_page(client, twelve_articles, page, expected_first):
    response = client.get(f"/blog/?page={page}")
    assert response.status_code == 200
    assert card_titles(response)[0] == expected_first


def test_the_count_of_articles_follows_unpublishing_at_once(client, twelve_articles, settings):
    settings.PAGE_CACHE_ENABLED = False  # Render every request.
    assert "Page 1 of 2" in client.get("/blog/").content.decode()
    twelve_articles[0].unpublish()
    twelve_articles[1].unpublish()
    response = client.get("/blog/")
    assert len(card_titles(response)) == 10
    assert "Page 1 of" not in response.content.decode()


def test_drafts_and_private_articles_are_not_listed(client, blog_index):
    make_article(blog_index, "Published")
    make_article(blog_index, "Draft", live=False)
    make_private(make_article(blog_index, "Private"))
    assert card_titles(client.get("/blog/")) == ["Published"]


def test_category_listing_shows_only_its_articles(client, blog_index, walk_threshold):
    hope = make_category("Hope", description="Stories of hope.")
    make_article(blog_index, "In hope", categories=[hope])
    make_article(blog_index, "Elsewhere")
    response = client.get("/blog/category/hope/")
    assert response.status_code == 200
    assert card_titles(response) == ["In hope"]
    html = response.content.decode()
    assert "<h1>Articles about Hope</h1>" in html
    assert "<title>Articles about Hope |" in html
    assert canonical(response) == "http://localhost/blog/category/hope/"
    assert feed_links(response) == {
        "application/rss+xml": "/blog/category/hope/feed/rss/",
        "application/atom+xml": "/blog/category/hope/feed/atom/",
    }


def test_tag_listing_shows_only_tagged_articles(client, blog_index, walk_threshold):
    make_article(blog_index, "Tagged", tags=["first steps"])
    make_article(blog_index, "Untagged")
    response = client.get("/blog/tag/first-steps/")
    assert card_titles(response) == ["Tagged"]
    assert "Articles tagged “first steps”" in response.content.decode()
    assert canonical(response) == "http://localhost/blog/tag/first-steps/"
    assert feed_links(response)["application/rss+xml"] == "/blog/tag/first-steps/feed/rss/"


def test_category_and_tag_listings_hold_only_public_articles_of_the_index(
    client, blog_index, walk_threshold
):
    hope = make_category("Hope")
    news = get_or_create_child(blog_index.get_parent(), BlogIndexPage, "news", title="News")
    for day, title in enumerate(["Older", "Newer"], start=1):
        make_article(
            blog_index, title, date=datetime.date(2025, 5, day), categories=[hope], tags=["calm"]
        )
    make_article(blog_index, "Draft", categories=[hope], tags=["calm"], live=False)
    make_private(make_article(blog_index, "Private", categories=[hope], tags=["calm"]))
    make_article(news, "In the news", categories=[hope], tags=["calm"])
    assert card_titles(client.get("/blog/category/hope/")) == ["Newer", "Older"]
    assert card_titles(client.get("/blog/tag/calm/")) == ["Newer", "Older"]


def test_listings_walk_the_newest_first_index(blog_index, monkeypatch):
    """Rather than gather every article and sort them, which grows with their number."""
    monkeypatch.setattr(listings, "WALK_FROM", 1)
    hope = make_category("Hope")
    make_article(blog_index, categories=[hope], tags=["calm"], with_revision=False)
    calm = Tag.objects.get(name="calm")
    for listing in [
        Listing(blog_index),
        Listing(blog_index, category=hope),
        Listing(blog_index, tag=calm),
    ]:
        plan = query_plan(listing.articles().ids()[:10])
        assert walks_newest_first(plan), plan


def test_empty_listings_say_so(client, blog_index):
    make_category("Quiet")
    for url in ("/blog/", "/blog/category/quiet/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="empty-state"' in response.content.decode()
        assert card_titles(response) == []


def test_a_renamed_category_shows_at_once_in_every_listing(client, blog_index):
    hope = make_category("Hope")
    make_category("Rest")
    make_article(blog_index, "In hope", categories=[hope])
    for url in ("/blog/", "/blog/category/hope/", "/blog/category/rest/feed/rss/"):
        assert client.get(url).status_code == 200

    hope.name = "Hope and healing"
    hope.save()
    html = client.get("/blog/category/hope/").content.decode()
    assert "<h1>Articles about Hope and healing</h1>" in html
    topics = soup(client.get("/blog/")).select('nav[aria-labelledby="browse-categories"] a')
    nav = [link.text for link in topics]
    assert nav == ["Hope and healing", "Rest"]


def test_unknown_category_or_tag_is_not_found(client, blog_index):
    assert client.get("/blog/category/nothing/").status_code == 404
    assert client.get("/blog/tag/nothing/").status_code == 404
    assert client.get("/blog/feed/json/").status_code == 404


def test_index_advertises_its_feeds(client, blog_index):
    assert feed_links(client.get("/blog/")) == {
        "application/rss+xml": "/blog/feed/rss/",
        "application/atom+xml": "/blog/feed/atom/",
    }


def test_cards_load_images_with_their_renditions_in_three_queries(
    blog_index, django_assert_num_queries
):
    for _ in range(2):
        image = make_image()
        image.get_rendition("fill-400x225")
        make_article(
            blog_index, image=image, categories=[make_category("Hope")], with_revision=False
        )
    # The articles with their authors and images, the renditions, the categories.
    with django_assert_num_queries(3):
        cards = list(BlogPage.objects.for_cards())
        renditions = [card.feature_image.prefetched_renditions for card in cards]
        assert [len(found) for found in renditions] == [1, 1]
        assert [len(card.categories.all()) for card in cards] == [1, 1]


def show_card(article):
    context = {"article": article, "heading_level": "h2"}
    return render_to_string("blog/includes/article_card.html", context)


def test_showing_a_card_reads_nothing_it_did_not_load(blog_index, django_assert_num_queries):
    make_article(blog_index, image=make_image(), categories=[make_category("Hope")])
    show_card(BlogPage.objects.for_cards().get())  # makes the image's renditions
    card = BlogPage.objects.for_cards().get()
    # Showing a card reads nothing it left out: each left-out column read costs a query.
    with django_assert_num_queries(0):
        assert "Hope" in show_card(card)
