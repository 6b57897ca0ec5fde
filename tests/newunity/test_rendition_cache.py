"""Image renditions read from the renditions cache are not written back to it on every
page view, and are stored without their image (base/rendition_cache.py), with Redis
as with this process's memory."""

import os
import time
import uuid

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from wagtail.images import get_image_model

from tests.blog.factories import make_image
from tests.conftest import require

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.fixture(params=["memory", "redis"])
def renditions_cache(request, settings):
    if request.param == "redis":
        require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
        backend = {
            "BACKEND": "base.rendition_cache.RedisRenditionCache",
            "LOCATION": REDIS_URL,
            # Unique per run: the Redis server may be shared.
            "KEY_PREFIX": f"newunity-test-{uuid.uuid4().hex}",
        }
    else:
        backend = {"BACKEND": "base.rendition_cache.LocMemRenditionCache"}
    settings.CACHES = {**settings.CACHES, "renditions": backend}
    yield caches["renditions"]
    caches["renditions"].clear()


def test_renditions_found_in_the_cache_are_not_written_back(db, renditions_cache):
    image = make_image()
    made = image.get_renditions("width-100", "width-200")
    assert not any(getattr(rendition, "_from_cache", False) for rendition in made.values())

    found = get_image_model().objects.get(pk=image.pk).get_renditions("width-100", "width-200")
    # Wagtail writes back every rendition not marked so.
    assert all(rendition._from_cache for rendition in found.values())
    assert [rendition.pk for rendition in found.values()] == [r.pk for r in made.values()]
    assert found["width-200"].width == 200


def test_a_single_rendition_found_in_the_cache_is_not_written_back(db, renditions_cache):
    image = make_image()
    rendition = image.get_rendition("width-100")
    key = rendition.get_cache_key()
    # A write would give the entry the cache's own timeout again, and keep it.
    renditions_cache.touch(key, 1)

    found = get_image_model().objects.get(pk=image.pk).get_rendition("width-100")

    assert found.pk == rendition.pk
    time.sleep(1.5)
    assert renditions_cache.get(key) is None


def test_renditions_are_stored_without_their_image(db, renditions_cache, django_assert_num_queries):
    image = make_image(description="Two hands holding a mug.")
    made = image.get_renditions("width-100", "width-200")["width-100"]
    stored = renditions_cache.get(made.get_cache_key())

    assert stored.pk == made.pk
    assert not type(stored).image.is_cached(stored)
    # The rendition in hand keeps its image.
    assert made.image is image

    reader_image = get_image_model().objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        found = reader_image.get_renditions("width-100")["width-100"]
        assert found.image is reader_image
        assert found.alt == "Two hands holding a mug."
        assert found.url == made.url
        assert found.width == 100


def test_renditions_are_stored_without_reading_their_files(db, renditions_cache):
    """With media in a bucket, each read would be a request to it, and a failed one an
    error page."""
    image = make_image()
    made = image.get_renditions("width-100", "width-200")
    renditions_cache.clear()
    for rendition in made.values():
        default_storage.delete(rendition.file.name)  # any attempt to read it fails

    reader_image = get_image_model().objects.get(pk=image.pk)
    one = reader_image.get_rendition("width-100")  # stored alone
    [two] = reader_image.get_renditions("width-200").values()  # stored among others

    for rendition in [one, two]:
        stored = renditions_cache.get(rendition.get_cache_key())
        assert (stored.pk, stored.file.name) == (rendition.pk, rendition.file.name)
