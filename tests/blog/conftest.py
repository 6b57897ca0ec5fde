import pytest

from .factories import make_blog_index


@pytest.fixture
def blog_index(home_page):
    return make_blog_index(home_page)
