"""Who is asking, and how often: the client's address behind the site's proxy, and a
count of attempts per address (and per account or private page), kept in the database
(`Attempt`) so that a cache outage or eviction cannot reset it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Attempt

# Attempts are forgotten after this long; every limit's window is shorter.
KEPT_FOR = timedelta(days=1)


def client_address(request):
    """The client's IP address. Behind a proxy, CONTACT_CLIENT_IP_HEADER names the
    header it sets (e.g. HTTP_X_FORWARDED_FOR); its last entry is the one the proxy added."""
    header = settings.CONTACT_CLIENT_IP_HEADER
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


class Throttle:
    """At most `limit` attempts per `minutes` for each key, e.g. an address and an
    account. Keys are hashed with the secret key: the database never holds an address."""

    def __init__(self, name, limit_setting, minutes_setting):
        self.name = name
        self.limit_setting = limit_setting
        self.minutes_setting = minutes_setting

    @property
    def minutes(self):
        return getattr(settings, self.minutes_setting)

    def key(self, *parts):
        digest = salted_hmac(f"throttle.{self.name}", "\x00".join(map(str, parts)))
        return digest.hexdigest()[:32]

    def exhausted(self, *parts):
        """Whether the attempts for this key are used up."""
        since = timezone.now() - timedelta(minutes=self.minutes)
        attempts = Attempt.objects.filter(limit=self.name, key=self.key(*parts), made_at__gte=since)
        return attempts.count() >= getattr(settings, self.limit_setting)

    def count(self, *parts):
        """Count one attempt for this key."""
        Attempt.objects.create(limit=self.name, key=self.key(*parts))


def forget_old_attempts(now=None):
    """Delete attempts older than any window; returns how many went."""
    now = now or timezone.now()
    return Attempt.objects.filter(made_at__lt=now - KEPT_FOR).delete()[0]
