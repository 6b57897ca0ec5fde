"""The cache Wagtail keeps image renditions in, without a write per image per page view.

Wagtail 7.4 writes back to the cache every rendition it has just read from it: it skips
the write only for renditions it marked as cached, and it marks only prefetched ones.
On every page view that is a pickling per rendition and, with Redis, a round trip per
image. These backends mark what they return, so Wagtail writes only new renditions.
"""

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache


class MarksRenditionsFromCache:
    def get_many(self, keys, version=None):
        found = super().get_many(keys, version=version)
        for rendition in found.values():
            rendition._from_cache = True  # Wagtail's own mark for "already cached"
        return found


class RedisRenditionCache(MarksRenditionsFromCache, RedisCache):
    pass


class LocMemRenditionCache(MarksRenditionsFromCache, LocMemCache):
    pass
