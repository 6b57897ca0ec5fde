"""Local development: `make run`. Safe defaults, nothing to configure."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", default=True)
# A fixed key is fine here: this settings module never serves real readers.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The development server answers each request on a new thread, which would leave a
# kept connection behind on each: one per request, as Django advises for it.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
