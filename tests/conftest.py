"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from wagtail.models import Collection, Locale, Page

from home.demo import load_home_page
from tests.blog.factories import make_blog_index

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition, reason):
    """Skip with a one-line reason when a service is missing locally; in CI
    (CI=true) every service must be there, so the same absence fails."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def cache_server_down(settings):
    """The page cache on a cache server nothing answers for."""
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"


@pytest.fixture
def home_page(db):
    """The site's home page, with the root page, root collection and Locale it needs.

    Built here rather than taken from Wagtail's migrations: browser tests flush
    the database, and what migrations created is then gone."""
    Locale.objects.get_or_create(language_code="en")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return load_home_page()


@pytest.fixture(autouse=True)
def empty_caches():
    """Rendition and page caches in this process outlive each test's database (whose ids
    are reused): start every test with them empty. Shared caches (Redis) are left alone."""
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def blog_index(home_page):
    return make_blog_index(home_page)
