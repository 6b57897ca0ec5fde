"""Every reader page costs a few queries, and the same number whatever the volume of
content: no query per article, per card, per image or per menu item. Measured with
the page cache off, after a first request (which makes the image renditions and fills
the fragments pages keep until the next change), as a reader sees the site between
two edits; and with every cache empty, as after an edit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.blog.factories import (
    make_article,
    make_author,
    make_blog_index,
    make_category,
    make_image,
    paragraph,
)
from tests.factories import make_group, make_meetings_index
from tests.home.helpers import empty_caches
from tests.services.factories import make_contact_page, make_service, make_service_index

# The most queries each reader page may make; the others are only held to the same
# number with few and with many articles.
# The groups' next meetings (home, service) cost three queries: groups, their schedules
# and their changes; the link to the live, public meetings page two more.
BUDGETS = {
    "home": 16,
    "article": 15,
    "blog index": 12,
    "blog index, page 2": 12,
    "category listing": 12,
    "tag listing": 12,
    "service": 21,
    "search": 15,
    "meetings": 14,
    "group": 15,
}


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
    """Services, each with a group meeting every week and one meeting once a month."""
    services = []
    for number in range(count):
        service = make_service(
            index, f"Service {start + number}", categories=[category], image=image
        )
        for weekly in (True, False):
            make_group(
                service,
                f"{'Weekly' if weekly else 'Monthly'} group in {service.title}",
                rules=[
                    {
                        "frequency": "weekly" if weekly else "monthly",
                        "weekday": number % 7,
                        "week_of_month": None if weekly else 2,
                        "start_time": datetime.time(18),
                        "end_time": datetime.time(19, 30),
                        "starts_on": datetime.date(2024, 1, 1),
                    }
                ],
                changes=[{"day": datetime.date(2030, 1, 1), "kind": "cancelled"}],
            )
        services.append(service)
    return services


@pytest.fixture
def site(settings, home_page):
    """The page cache off; a blog, services and a contact page, and a function adding
    articles and services to them."""
    settings.PAGE_CACHE_ENABLED = False
    index = make_blog_index(home_page)
    service_index = make_service_index(home_page)
    contact = make_contact_page(home_page)
    meetings = make_meetings_index(home_page)
    content = {"category": make_category("Peer support"), "image": make_image()}
    author = make_author()
    author.photo = make_image()
    author.save()
    # The article measured links to another from its body and has its author's photo.
    linked = make_article(index, "Linked", categories=[content["category"]])
    article = make_article(
        index,
        "Measured",
        date=datetime.date(2025, 1, 2),
        author=author,
        body=[paragraph("<p>Some words.</p>"), ("related", {"article": linked.pk})],
        categories=[content["category"]],
        tags=["peer support"],
        image=content["image"],
    )
    added = {"articles": 0, "services": 0}

    def add(articles, services):
        add_articles(index, articles, author=author, start=added["articles"], **content)
        add_services(service_index, services, start=added["services"], **content)
        added["articles"] += articles
        added["services"] += services

    urls = {
        "home": "/",
        "blog index": index.url,
        "blog index, page 2": f"{index.url}?page=2",
        "article": article.url,
        "category listing": f"{index.url}category/peer-support/",
        "tag listing": f"{index.url}tag/peer-support/",
        "feed": f"{index.url}feed/rss/",
        "category feed": f"{index.url}category/peer-support/feed/rss/",
        "services index": service_index.url,
        "service": "/services/service-1/",
        "meetings": meetings.url,
        "meetings, filtered": f"{meetings.url}?attendance=in_person&service=service-1",
        "group": "/services/service-1/weekly-group-in-service-1/",
        "calendar of all groups": f"{meetings.url}calendar.ics",
        "contact": contact.url,
        "search": "/search/?query=article",
        "sitemap": "/sitemap.xml",
    }
    return add, urls


def queries_of(client, url, cold=False):
    if cold:
        empty_caches()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries.captured_queries)


def counts(client, urls):
    """Each page's queries from empty caches, then as the next reader finds it."""
    for url in urls.values():
        assert client.get(url).status_code == 200, url  # makes the renditions
    return {
        name: (queries_of(client, url, cold=True), queries_of(client, url))
        for name, url in urls.items()
    }


def test_query_counts_do_not_grow_with_content(site, client):
    add, urls = site
    add(articles=3, services=3)
    few = counts(client, urls)
    add(articles=27, services=7)
    many = counts(client, urls)
    print("\n" + "\n".join(f"{name}: {few[name]} (cold, then warm)" for name in urls))
    assert many == few, (
        "query counts with 5 articles and 3 services (6 groups), then 32 and 10 (20 groups)"
    )


@pytest.mark.parametrize("name", BUDGETS)
def test_each_reader_page_keeps_to_its_query_budget(
    site, client, name, django_assert_max_num_queries
):
    add, urls = site
    add(articles=12, services=3)
    assert client.get(urls[name]).status_code == 200
    with django_assert_max_num_queries(BUDGETS[name]):
        assert client.get(urls[name]).status_code == 200
