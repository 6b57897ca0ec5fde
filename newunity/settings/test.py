"""Settings for the test suite: fast, deterministic, no outside services
unless the environment names them (DATABASE_URL, REDIS_URL, ...)."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]

# Each test run gets a database of its own, so runs side by side on one machine
# or one shared PostgreSQL server never collide. SQLite tests use a real file
# (not memory) so that threads and the live server each open their own
# connection, as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"newunity-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_newunity_{os.getpid()}"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the source folders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), f"newunity-test-media-{os.getpid()}")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Every test posts from 127.0.0.1 into one cache: tests of the rate limit set their own.
CONTACT_RATE_LIMIT_PER_MINUTE = CONTACT_RATE_LIMIT_PER_DAY = 10_000
# One process, so its memory cache hears about every edit.
FRAGMENT_CACHE_ENABLED = True
