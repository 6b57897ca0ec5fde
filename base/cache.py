"""Django's Redis cache, for a site that must keep serving while Redis is away.

Django's own backend raises when the server refuses or stops answering, so every
page that reads the cache (all of them: Wagtail's site lookup, the menus, renditions)
would fail. Here a server that cannot be reached is a miss: reads find nothing,
writes are dropped, and the page is made afresh. After a failure the server is left
alone for `RETRY_AFTER` seconds, so that a frozen Redis costs a request at most one
socket timeout, not one per cache call. When it answers again,
`cache_server_recovered` is sent: what was dropped meanwhile (a new page-cache
generation, say) can then be redone.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# How long, in seconds, a cache server that failed is left alone.
RETRY_AFTER = 5
UNREACHABLE = (ConnectionError, TimeoutError)

# Sent (with `location`) when a cache server that had failed answers again.
cache_server_recovered = Signal()

# Per server, shared by the threads of a process: when to try it again.
retry_at = {}
retry_lock = threading.Lock()


class OutageTolerantRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, where an unreachable server
    reads as empty and takes no writes. Configured as Django's is (`LOCATION`,
    `OPTIONS` with `socket_connect_timeout` and `socket_timeout`)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.location = server

    def available(self):
        """False while the server is left alone after a failure."""
        return time.monotonic() >= retry_at.get(self.location, 0)

    def reachable(self):
        """Whether the server answers now: one round trip, even while left alone."""
        return self.attempt(super().has_key, ("ping",), {}, fallback=None) is not None

    def attempt(self, method, args, kwargs, fallback):
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as error:
            with retry_lock:
                was_up = self.location not in retry_at
                retry_at[self.location] = time.monotonic() + RETRY_AFTER
            if was_up:
                logger.warning("cache server unreachable, pages are made without it: %r", error)
            return fallback
        if self.location in retry_at:
            with retry_lock:
                recovered = retry_at.pop(self.location, None) is not None
            if recovered:
                logger.warning("cache server answers again")
                cache_server_recovered.send(sender=type(self), location=self.location)
                # Asked again: what the receivers did may change the answer.
                return self.attempt(method, args, kwargs, fallback)
        return result

    def guarded(self, method, args, kwargs, fallback=None):
        if not self.available():
            return fallback
        return self.attempt(method, args, kwargs, fallback)

    def add(self, *args, **kwargs):
        return self.guarded(super().add, args, kwargs, fallback=False)

    def get(self, key, default=None, version=None):
        return self.guarded(super().get, (key, default, version), {}, fallback=default)

    def set(self, *args, **kwargs):
        self.guarded(super().set, args, kwargs)

    def touch(self, *args, **kwargs):
        return self.guarded(super().touch, args, kwargs, fallback=False)

    def delete(self, *args, **kwargs):
        return self.guarded(super().delete, args, kwargs, fallback=False)

    def get_many(self, *args, **kwargs):
        return self.guarded(super().get_many, args, kwargs, fallback={})

    def has_key(self, *args, **kwargs):
        return self.guarded(super().has_key, args, kwargs, fallback=False)

    def incr(self, key, delta=1, version=None):
        result = self.guarded(super().incr, (key, delta, version), {})
        if result is None:
            raise ValueError(f"Key '{key}' not found: the cache server is unreachable.")
        return result

    def set_many(self, data, *args, **kwargs):
        failed = self.guarded(super().set_many, (data, *args), kwargs, fallback=None)
        return list(data) if failed is None else failed

    def delete_many(self, *args, **kwargs):
        self.guarded(super().delete_many, args, kwargs)

    def clear(self):
        return self.guarded(super().clear, (), {}, fallback=False)
