"""The cache Wagtail keeps image renditions in, without a write per image per page view
and without a copy of the image in every entry.

Wagtail 7.4 writes back to the cache every rendition it has just read from it: it skips
the write only for renditions it marked as cached, and it marks only prefetched ones;
`get_rendition()`, for a single one, writes back even those. On every page view that is
a pickling per rendition and, with Redis, a round trip per image. These backends mark
what they return, and write only renditions that did not come from the cache.

Wagtail also stores each rendition with its image, which it replaces with the reader's
own image as soon as it reads the entry back: the image is half of every entry, pickled
and unpickled for nothing. These backends store renditions without it.
"""

import copy

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from .redis_cache import RedisCache


def without_image(rendition):
    """A copy of `rendition` that leaves its loaded image behind (the original keeps it)."""
    stored = copy.copy(rendition)  # with a copy of its state, as for pickling
    stored._state.fields_cache.pop("image", None)
    # By its name, as loaded from the database: the file object points back to the
    # original rendition, and would bring it along, image and all. Set as Django sets
    # a loaded value: assigned through the field, it would read the file (from the
    # bucket, in production) to measure it again.
    stored.__dict__["file"] = rendition.file.name
    return stored


class RenditionCache:
    def get_many(self, keys, version=None):
        found = super().get_many(keys, version=version)
        for rendition in found.values():
            rendition._from_cache = True  # Wagtail's own mark for "already cached"
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not getattr(value, "_from_cache", False):
            super().set(key, without_image(value), timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        stored = {key: without_image(rendition) for key, rendition in data.items()}
        return super().set_many(stored, timeout=timeout, version=version)


class RedisRenditionCache(RenditionCache, RedisCache):
    pass


class LocMemRenditionCache(RenditionCache, LocMemCache):
    pass
