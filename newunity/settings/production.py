"""Production: every secret and host name comes from the environment, and the
process refuses to start when a required one is missing. Several web processes
may run side by side: they share PostgreSQL (DATABASE_URL), Redis (REDIS_URL)
and the media bucket (AWS_STORAGE_BUCKET_NAME), and keep nothing of their own."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_int

for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
    if not os.environ.get(required, "").strip():
        raise SystemExit(
            f"Missing environment variable {required}: set it before starting "
            "the site with production settings (see .env.example)."
        )

DEBUG = False

# HTTPS: the proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True
# Wagtail's editor shows live previews in a same-origin frame, so frames stay
# allowed from this origin only; the DENY recommendation would break previews.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# collectstatic writes here (the Docker image collects at build time).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405

# Sessions live in the database alone (Django's default), which every web process
# shares: staff sign in while Redis is away, and a sign-out is never undone by a
# cached copy the cache server held on to. Only staff have sessions.

# One line per event on stdout, as key=value pairs, for the platform's log
# collector; tracebacks are folded into the same line.
LOGGING = {
    **LOGGING,  # noqa: F405
    "formatters": {"line": {"()": "base.log_format.KeyValueFormatter"}},
}
