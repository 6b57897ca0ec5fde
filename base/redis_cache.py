"""Django's Redis cache, keeping its Redis clients between cache operations.

Django 5.2 makes a new redis-py client for every cache operation, and redis-py spends
about 70 µs making one (checking its arguments, building its table of replies): nearly
what a GET on loopback costs, on each of the dozen cache operations a page makes. A
client holds nothing but the connection pool it draws from, which Django keeps: one
client is kept for each pool.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # by connection pool

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
