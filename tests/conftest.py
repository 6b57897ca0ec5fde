"""Fixtures shared by the whole suite."""

import os

import pytest
from wagtail.models import Collection, Locale, Page

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
    """The page cache, and what is kept with it, on a cache server nothing answers for."""
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "newunity.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"


@pytest.fixture
def home_page(db):
    """The site's home page, with the root page, root collection and Locale it needs.

    Built here rather than taken from Wagtail's migrations: browser tests flush
    the database, and what migrations created is then gone."""
    from home.demo import load_home_page

    Locale.objects.get_or_create(language_code="en")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return load_home_page()
