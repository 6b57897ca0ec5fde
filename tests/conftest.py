"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import make_blog_index, make_home_page, sign_in_verified

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
            "BACKEND": "base.cache.OutageTolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"


@pytest.fixture
def home_page(db):
    """The site's home page, as the demo has it but with a one-pixel picture."""
    return make_home_page()


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


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser client, signed in with a code from an authenticator app
    as superusers must be (tests.factories.sign_in_verified)."""
    sign_in_verified(client, admin_user)
    return client
