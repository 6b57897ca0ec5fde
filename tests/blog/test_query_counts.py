"""The blog's pages cost a few queries, and the same number however many articles there
are, with the fragments pages keep until the next change and with every cache empty.
Run with `-s` to see the figures."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.helpers import empty_caches

from .factories import make_article, make_author, make_category, make_image

LISTINGS = ["/blog/", "/blog/?page=2", "/blog/category/hope/", "/blog/tag/recovery/"]
LISTING_BUDGET = 12
ARTICLE_BUDGET = 15


def queries_for(client, url, cold=False):
    if cold:
        empty_caches()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_articles(index, count, start):
    """Articles with authors, categories and tags, and for the newest ten each its own
    image; built without revisions to stay quick."""
    categories = [make_category(name) for name in ("Hope", "Recovery", "Family")]
    authors = [make_author(name) for name in ("Ana", "Ben")]
    for number in range(start, start + count):
        make_article(
            index,
            f"Article {number}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            categories=[categories[number % 3], categories[(number + 1) % 3]],
            tags=[f"tag{number % 4}", "recovery"],
            author=authors[number % 2],
            image=make_image() if number >= start + count - 10 else None,
            with_revision=False,
        )


def figures(client, urls):
    """Each page's queries with every cache empty, then as the next reader finds it."""
    for url in urls:
        client.get(url)  # The first visit makes the image renditions.
    return {url: (queries_for(client, url, cold=True), queries_for(client, url)) for url in urls}


def test_queries_do_not_grow_with_the_number_of_articles(client, blog_index, settings):
    settings.PAGE_CACHE_ENABLED = False  # Count the work of rendering, not a cache hit.
    add_articles(blog_index, 13, start=0)
    urls = [*LISTINGS, blog_index.get_children().first().url]
    few = figures(client, urls)
    add_articles(blog_index, 27, start=13)
    many = figures(client, urls)
    for url in urls:
        print(f"\n{url}: {few[url]} queries (cold, warm) with 13 articles, {many[url]} with 40")
    assert many == few


def test_listings_and_articles_keep_to_their_budgets(
    client, blog_index, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    add_articles(blog_index, 13, start=0)
    article = blog_index.get_children().first().url
    for url, budget in [*((url, LISTING_BUDGET) for url in LISTINGS), (article, ARTICLE_BUDGET)]:
        client.get(url)
        with django_assert_max_num_queries(budget, info=url):
            client.get(url)
