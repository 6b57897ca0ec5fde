"""Image renditions read from the renditions cache are not written back to it on every
page view (newunity/rendition_cache.py), with Redis as with this process's memory."""

import os
import uuid

import pytest
from django.core.cache import caches
from wagtail.images import get_image_model

from tests.blog.factories import make_image
from tests.conftest import require

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.fixture(params=["memory", "redis"])
def renditions_cache(request, settings):
    if request.param == "redis":
        require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
        backend = {
            "BACKEND": "newunity.rendition_cache.RedisRenditionCache",
            "LOCATION": REDIS_URL,
            # Unique per run: the Redis server may be shared.
            "KEY_PREFIX": f"newunity-test-{uuid.uuid4().hex}",
        }
    else:
        backend = {"BACKEND": "newunity.rendition_cache.LocMemRenditionCache"}
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
