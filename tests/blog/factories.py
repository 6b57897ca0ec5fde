"""Kept so that tests still importing from here work: the builders live in
tests/factories.py, which every other test imports from."""

from tests.factories import (  # noqa: F401
    make_article,
    make_author,
    make_blog_index,
    make_category,
    make_image,
    make_private,
    paragraph,
)
