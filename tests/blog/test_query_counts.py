"""The blog's pages cost the same number of queries however many articles there are.
Run with `-s` to see the figures."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_article, make_author, make_category, make_image

LISTINGS = ["/blog/", "/blog/category/hope/", "/blog/tag/recovery/"]


def queries_for(client, url):
    client.get(url)  # The first visit makes the image renditions; count a later one.
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


def test_queries_do_not_grow_with_the_number_of_articles(client, blog_index, settings):
    settings.PAGE_CACHE_ENABLED = False  # Count the work of rendering, not a cache hit.
    add_articles(blog_index, 5, start=0)
    urls = [*LISTINGS, blog_index.get_children().first().url]
    with_five = {url: queries_for(client, url) for url in urls}
    add_articles(blog_index, 195, start=5)
    with_two_hundred = {url: queries_for(client, url) for url in urls}
    for url in urls:
        print(
            f"\n{url}: {with_five[url]} queries with 5 articles, {with_two_hundred[url]} with 200"
        )
    assert with_five == with_two_hundred
