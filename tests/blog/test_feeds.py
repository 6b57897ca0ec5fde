import datetime
from xml.etree import ElementTree

import pytest

from tests.factories import make_article, make_author, make_category

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(blog_index):
    hope = make_category("Hope")
    return [
        make_article(
            blog_index,
            "Older, about hope",
            date=datetime.date(2025, 3, 1),
            summary="Hope grows in company.",
            categories=[hope],
            author=make_author("Sam Lee"),
        ),
        make_article(blog_index, "Newer, elsewhere", date=datetime.date(2025, 4, 1)),
        make_article(blog_index, "A draft", live=False),
    ]


def test_rss_feed_lists_live_articles_newest_first(client, articles):
    response = client.get("/blog/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Blog"
    assert channel.findtext("link") == "http://localhost/blog/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer, elsewhere", "Older, about hope"]
    older = items[1]
    assert older.findtext("link") == "http://localhost/blog/older-about-hope/"
    assert older.findtext("description") == "Hope grows in company."
    assert older.findtext("category") == "Hope"
    assert "Sam Lee" in older.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + (
        older.findtext("author") or ""
    )
    assert older.findtext("pubDate").startswith("Sat, 01 Mar 2025")


def test_atom_feed_lists_the_same_articles(client, articles):
    response = client.get("/blog/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Newer, elsewhere",
        "Older, about hope",
    ]
    assert entries[1].find(f"{ATOM}link").get("href") == "http://localhost/blog/older-about-hope/"
    assert entries[1].findtext(f"{ATOM}summary") == "Hope grows in company."
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://localhost/blog/feed/atom/"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed_holds_only_its_articles(client, articles, kind):
    response = client.get(f"/blog/category/hope/feed/{kind}/")
    root = ElementTree.fromstring(response.content)
    titles = [element.text for element in root.iter() if element.tag in ("title", f"{ATOM}title")]
    assert titles == ["Blog: Hope", "Older, about hope"]


def test_tag_feed_holds_only_tagged_articles(client, blog_index):
    make_article(blog_index, "Tagged", tags=["family"])
    make_article(blog_index, "Untagged")
    channel = ElementTree.fromstring(client.get("/blog/tag/family/feed/rss/").content)
    assert [item.findtext("title") for item in channel.iter("item")] == ["Tagged"]


def test_listings_without_a_description_of_their_own_describe_the_blog(client, blog_index):
    make_article(blog_index, "Tagged", tags=["family"], categories=[make_category("Quiet")])
    for listing in ("/blog/tag/family/", "/blog/category/quiet/"):
        channel = ElementTree.fromstring(client.get(f"{listing}feed/rss/").content)
        assert channel.find("channel").findtext("description") == "Our news."
        page = client.get(listing).content.decode()
        assert '<meta name="description" content="Our news.">' in page
