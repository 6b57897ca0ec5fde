"""Who is asking, and how often: the client's address behind the site's proxy, and a
counter of attempts per address (and per account or private page) in the shared cache."""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request):
    """The client's IP address. Behind a proxy, CONTACT_CLIENT_IP_HEADER names the
    header it sets (e.g. HTTP_X_FORWARDED_FOR); its last entry is the one the proxy added."""
    header = settings.CONTACT_CLIENT_IP_HEADER
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


class Throttle:
    """At most `limit` attempts per `minutes` for each key, e.g. an address and an
    account. Keys are hashed with the secret key: the cache never holds an address."""

    def __init__(self, name, limit_setting, minutes_setting):
        self.name = name
        self.limit_setting = limit_setting
        self.minutes_setting = minutes_setting

    @property
    def minutes(self):
        return getattr(settings, self.minutes_setting)

    def cache_key(self, *parts):
        digest = salted_hmac(f"throttle.{self.name}", "\x00".join(map(str, parts)))
        return f"throttle:{self.name}:{digest.hexdigest()[:32]}"

    def exhausted(self, *parts):
        """Whether the attempts for this key are used up."""
        return cache.get(self.cache_key(*parts), 0) >= getattr(settings, self.limit_setting)

    def count(self, *parts):
        """Count one attempt for this key; the window starts at the first."""
        key = self.cache_key(*parts)
        if cache.add(key, 1, timeout=self.minutes * 60):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.minutes * 60)
