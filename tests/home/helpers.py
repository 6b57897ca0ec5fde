"""Reading rendered pages in tests: their JSON-LD, their links and their query counts."""

import json

from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response):
    """Every JSON-LD object in the page, parsed."""
    return [
        json.loads(script.string)
        for script in soup(response).select('script[type="application/ld+json"]')
    ]


def empty_caches():
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


def count_queries(client, url):
    """Queries made to serve `url` once its image renditions exist (the first view makes
    them), with every cache empty: the worst case, and the same whatever the caches held.
    (Caches outlive a test's database rollback, so they are emptied before the first view too.)"""
    empty_caches()
    assert client.get(url).status_code == 200
    empty_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def loaded_columns(instance):
    """The fields a model instance was fetched with, by column name."""
    every = {field.attname for field in instance._meta.concrete_fields}
    return every - instance.get_deferred_fields()
