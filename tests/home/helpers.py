"""Reading rendered pages in tests: their JSON-LD, their links, their query counts and
the database's plans for their queries."""

import json
import re

from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, transaction
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


def sql_of(client, url):
    """The SQL of each query made to serve `url`."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def loaded_columns(instance):
    """The fields a model instance was fetched with, by column name."""
    every = {field.attname for field in instance._meta.concrete_fields}
    return every - instance.get_deferred_fields()


def query_plan(queryset):
    """The database's plan for `queryset`, a line a step."""
    return sql_plan(*queryset.query.sql_with_params())


def sql_plan(sql, params=None):
    """The database's plan for `sql`, a line a step. PostgreSQL chooses by table
    statistics (a handful of rows here), so it is asked to price full scans and sorts
    as a last resort: its plan then shows whether the query can use an index at all."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def walks_newest_first(plan):
    """Whether an articles query's plan walks the newest-first index and stops at the
    first matches: it sorts nothing, and tests each article's links as it goes rather
    than gathering every linked article first (PostgreSQL's "hashed SubPlan")."""
    sorts = [step for step in plan if re.match(r"\s*(-> )?\s*Sort\b", step)]
    hashed = [step for step in plan if "hashed SubPlan" in step]
    return (
        any("blog_page_newest_first" in step for step in plan)
        and not sorts
        and not hashed
        and "USE TEMP B-TREE FOR ORDER BY" not in plan
    )
