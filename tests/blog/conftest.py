import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from .factories import make_blog_index


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
