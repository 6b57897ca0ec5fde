"""Every reader page costs the same number of queries whatever the volume of content:
no query per article, per card, per image or per menu item. Measured uncached (the
page cache is off in tests), after one warm-up request, as a reader sees the site.
Nor do they read the same thing from the cache twice."""

import datetime

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY

from base.page_cache import GENERATION_KEY
from tests.blog.factories import (
    make_article,
    make_author,
    make_blog_index,
    make_category,
    make_image,
)
from tests.services.factories import make_contact_page, make_service, make_service_index

# What an article may cost uncached, whatever else the site holds.
ARTICLE_QUERY_BUDGET = 8


def add_articles(index, count, *, category, author, image, start):
    return [
        make_article(
            index,
            date=datetime.date(2025, 1, 1) - datetime.timedelta(days=start + number),
            categories=[category],
            tags=["peer support", f"tag-{number % 7}"],
            author=author,
            image=image if number % 2 else None,
            with_revision=False,
        )
        for number in range(count)
    ]


def add_services(index, count, *, category, image, start):
    return [
        make_service(index, f"Service {start + number}", categories=[category], image=image)
        for number in range(count)
    ]


def reader_urls(index, services, articles, contact):
    return {
        "home": "/",
        "blog index": index.url,
        "blog index, page 2": f"{index.url}?page=2",
        "article": articles[1].url,
        "category listing": f"{index.url}category/peer-support/",
        "tag listing": f"{index.url}tag/peer-support/",
        "feed": f"{index.url}feed/rss/",
        "category feed": f"{index.url}category/peer-support/feed/rss/",
        "services index": services[0].get_parent().url,
        "service": services[1].url,
        "contact": contact.url,
        "search": "/search/?query=article",
        "sitemap": "/sitemap.xml",
    }


def make_site(home_page):
    """A blog with 4 articles, services, a contact page, and the reader URLs of each."""
    index = make_blog_index(home_page)
    content = {"category": make_category("Peer support"), "image": make_image()}
    articles = add_articles(index, 4, author=make_author(), start=0, **content)
    services = add_services(make_service_index(home_page), 4, start=0, **content)
    return reader_urls(index, services, articles, make_contact_page(home_page))


def count_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[name] = len(queries.captured_queries)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_content(settings, home_page, client):
    settings.PAGE_CACHE_ENABLED = False
    index = make_blog_index(home_page)
    service_index = make_service_index(home_page)
    contact = make_contact_page(home_page)
    content = {"category": make_category("Peer support"), "image": make_image()}
    author = make_author()

    articles = add_articles(index, 5, author=author, start=0, **content)
    services = add_services(service_index, 3, start=0, **content)
    urls = reader_urls(index, services, articles, contact)
    few = count_queries(client, urls)

    add_articles(index, 195, author=author, start=5, **content)
    add_services(service_index, 47, start=3, **content)
    many = count_queries(client, urls)

    assert many == few, "query counts with 5 articles and 3 services, then 200 and 50"
    # Routing, the article's categories, tags and chosen related articles, and the
    # article a "Related:" block links to. The newest articles of its categories and
    # tags, and their cards, are kept for the cache generation.
    assert few["article"] <= ARTICLE_QUERY_BUDGET, few


@pytest.mark.django_db
def test_listings_leave_out_the_bodies_their_cards_never_show(settings, home_page, client):
    settings.PAGE_CACHE_ENABLED = False
    urls = make_site(home_page)
    for name in ["home", "blog index", "category listing", "services index", "article", "service"]:
        client.get(urls[name])
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[name])
        bodies = [sql for query in queries.captured_queries if '"body"' in (sql := query["sql"])]
        # An article or a service page shows its own body, and only its own.
        assert len(bodies) == (name in ["article", "service"]), (name, bodies)


class KeysReadCache(LocMemCache):
    """This process's memory cache, noting the keys read from it: those read together
    (one round trip with Redis) as a tuple."""

    keys_read = []

    def get(self, key, default=None, version=None):
        self.keys_read.append(key)
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        keys = tuple(keys)
        self.keys_read.append(keys)
        found = {}
        for key in keys:
            value = super().get(key, self._missing_key, version)
            if value is not self._missing_key:
                found[key] = value
        return found


@pytest.fixture
def keys_read(settings):
    """The keys each page view reads from the cache its pages and menus are kept in."""
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tests.test_query_counts.KeysReadCache"},
    }
    KeysReadCache.keys_read.clear()
    return KeysReadCache.keys_read


def keys_read_by_each_page(client, keys_read, urls):
    """The keys read from the cache by each page's second view."""
    reads = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
        keys_read.clear()
        client.get(url)
        reads[name] = list(keys_read)
    return reads


@pytest.mark.django_db
def test_a_page_reads_the_site_root_paths_from_the_cache_once(keys_read, home_page, client):
    """Wagtail keeps the site root paths (what page addresses are made from) in the cache
    and on the request. Addresses made without the request, as `page.url` and
    `page.full_url` make them, read the cache again: with Redis, a round trip each."""
    urls = make_site(home_page)
    reads = keys_read_by_each_page(client, keys_read, urls)
    assert {name: keys.count(SITE_ROOT_PATHS_CACHE_KEY) for name, keys in reads.items()} == (
        dict.fromkeys(urls, 1)
    )


def what_was_read(read):
    """A key read from the cache, or what keys read together were."""
    for kind, what in [(":article-card:", "article cards"), (":newest-articles:", "topics")]:
        if isinstance(read, tuple) and all(kind in key for key in read):
            return what
    return read


@pytest.mark.django_db
def test_a_page_reads_nothing_more_from_the_cache_than_its_generation(keys_read, home_page, client):
    """Menus, site settings, sections and the like are kept for the cache generation, in
    the cache and in each process: a page reads the generation once, and the values
    this process already holds for it not at all (with Redis, a round trip each). Values
    too many to hold, it reads together: the newest articles of the categories and tags
    of an article or a service, then the article cards it shows."""
    urls = make_site(home_page)
    reads = keys_read_by_each_page(client, keys_read, urls)
    expected = dict.fromkeys(urls, [GENERATION_KEY])
    for name in ["home", "blog index", "blog index, page 2", "category listing", "tag listing"]:
        expected[name] = [GENERATION_KEY, "article cards"]
    for name in ["article", "service"]:
        expected[name] = [GENERATION_KEY, "topics", "article cards"]
    assert {
        name: [what_was_read(read) for read in reads if "page-cache" in str(read)]
        for name, reads in reads.items()
    } == expected
