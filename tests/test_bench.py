"""`make bench` measures pages as the server runs them."""

import datetime

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import Client

from bench.steps import serve


@pytest.mark.django_db(transaction=True)
def test_bench_ends_each_request_as_a_wsgi_server_does(monkeypatch):
    """Django closes or keeps its database connection when a request ends, which the
    test client never lets it do: a per-request connection would go unmeasured."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    connection.close()

    Client().get("/healthz")
    assert connection.connection is not None

    connection.close()
    status, body = serve(get_wsgi_application(), "/healthz")
    assert (status, body) == (200, b'{"status": "ok", "database": "ok", "cache": "local"}')
    assert connection.connection is None


@pytest.mark.django_db
def test_bench_articles_are_copies_published_one_a_day_before(home_page):
    """Like real articles, each has its own date and publication time, which listings
    and search order by."""
    from django.core.management import call_command

    from bench.steps import add_articles
    from blog.models import BlogPage

    call_command("load_demo_content")
    existing = BlogPage.objects.live().count()
    add_articles(existing + 3)
    articles = BlogPage.objects.live().order_by("-first_published_at")
    template = BlogPage.objects.live().order_by("pk").first()
    copies = [a for a in articles if a.slug.startswith(f"{template.slug}-copy-")]
    assert [a.slug for a in copies] == [f"{template.slug}-copy-{n}" for n in (1, 2, 3)]
    for number, copy in enumerate(copies, start=1):
        days = datetime.timedelta(days=number)
        assert copy.date == template.date - days
        assert copy.first_published_at == template.first_published_at - days
    assert BlogPage.objects.live().search("peer").count() > existing
