"""Production settings and the shared services they point at: Redis for the
cache and sessions, SMTP, PostgreSQL full-text search, structured logs and
security headers."""

import json
import logging
import os
import sys
import uuid

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_PREFIX
from django.core.cache import cache
from django.db import connection
from wagtail.search.backends import get_search_backend

from base.demo import get_or_create_child
from base.log_format import KeyValueFormatter
from home.models import StandardPage
from tests.conftest import require
from tests.factories import sign_in_verified
from tests.newunity.servers import PRODUCTION_ENV, free_port, manage

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def production_img_src(**env):
    """The image sources of the Content-Security-Policy, as a process started with
    production settings and these environment variables has them."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    output = manage("shell", "--no-imports", "-c", script, env={**PRODUCTION_ENV, **env})
    return json.loads(output.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("bucket_settings", "media_origin"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org/media"}, "https://cdn.example.org"),
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.example.org", "AWS_S3_ADDRESSING_STYLE": "virtual"},
            "https://newunity-media.s3.example.org",
        ),
        ({}, "https://*.amazonaws.com"),
    ],
    ids=["custom domain with a path", "endpoint, virtual addressing", "AWS"],
)
def test_images_are_allowed_from_where_media_addresses_point(bucket_settings, media_origin):
    # A policy source with a path would allow that one path, not the files under it.
    img_src = production_img_src(AWS_STORAGE_BUCKET_NAME="newunity-media", **bucket_settings)
    assert img_src == ["'self'", media_origin]


# A session read (as each request reads it), then ended through another process:
# a sign-out elsewhere, or the expired sessions cleared.
SESSION_ENDED_ELSEWHERE = """
from importlib import import_module
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection

with connection.schema_editor() as editor:
    editor.create_model(Session)
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
session = SessionStore()
session["editor"] = "signed in"
session.create()
assert SessionStore(session.session_key).get("editor") == "signed in"
Session.objects.all().delete()
print(SessionStore(session.session_key).get("editor"))
"""


def test_without_a_shared_cache_a_session_ended_elsewhere_ends_in_every_process(tmp_path):
    """Without Redis each process's cache is its own: a session kept there would
    outlive a sign-out made through another process."""
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    output = manage("shell", "--no-imports", "-c", SESSION_ENDED_ELSEWHERE, env=env)
    assert output.strip().splitlines()[-1] == "None"


# Two requests served as gunicorn serves them (`make bench`'s `serve`), unlike the test
# client, which keeps the connection open whatever the settings say.
SERVE_TWICE = """
from django.core.wsgi import get_wsgi_application
from django.db import connection
from bench.steps import serve
application = get_wsgi_application()
serve(application, "/healthz")
first = connection.connection
serve(application, "/healthz")
print(first is not None and connection.connection is first)
"""


@pytest.mark.parametrize(
    "settings_module, kept",
    [("newunity.settings.production", True), ("newunity.settings.dev", False)],
)
def test_production_keeps_its_sqlite_connection_between_requests(settings_module, kept, tmp_path):
    """A new SQLite connection per request cost an uncached page 15% of its CPU.
    The development server answers each request on a thread of its own: not there."""
    env = {
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    output = manage("shell", "--no-imports", "-c", SERVE_TWICE, env=env)
    assert output.strip().splitlines()[-1] == str(kept)


def test_the_application_it_serves_is_left_alone_by_the_collectors_full_passes():
    """Django, Wagtail and the project, loaded once, live as long as the process: frozen
    (`gc.freeze`), a full collection no longer walks them, a 50 ms pause every few
    hundred requests."""
    script = "import gc; from newunity.wsgi import application; print(gc.get_freeze_count())"
    output = manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert int(output.strip().splitlines()[-1]) > 50_000


@pytest.fixture
def redis_cache(settings):
    require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Unique per run: the Redis server may be shared.
            "KEY_PREFIX": f"newunity-test-{uuid.uuid4().hex}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return cache


def test_redis_cache_backend_stores_reads_and_deletes(redis_cache):
    redis_cache.set("greeting", {"text": "welcome"}, timeout=60)
    assert redis_cache.get("greeting") == {"text": "welcome"}
    redis_cache.set("visits", 1, timeout=60)
    assert redis_cache.incr("visits") == 2
    redis_cache.delete("greeting")
    assert redis_cache.get("greeting") is None


@pytest.mark.django_db
def test_signed_in_editor_stays_signed_in_when_redis_loses_the_session(
    redis_cache, client, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in_verified(client, editor)
    assert client.get("/admin/").status_code == 200
    session_key = client.cookies["sessionid"].value
    assert redis_cache.get(SESSION_CACHE_PREFIX + session_key) is not None

    redis_cache.delete(SESSION_CACHE_PREFIX + session_key)

    assert client.get("/admin/").status_code == 200


def test_production_sends_email_through_the_server_the_environment_names():
    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    port = free_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = {**PRODUCTION_ENV, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)}
        manage("sendtestemail", "intake@example.org", env=env)
    finally:
        controller.stop()
    assert [message["To"] for message in received] == ["intake@example.org"]
    assert received[0]["Subject"].startswith("Test email from")


def test_log_records_are_single_key_value_lines():
    formatter = KeyValueFormatter()
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.LogRecord(
            "newunity", logging.ERROR, __file__, 1, 'said "%s"', ("hi",), sys.exc_info()
        )
    line = formatter.format(record)
    assert "\n" not in line
    assert 'level=ERROR logger=newunity message="said \\"hi\\""' in line
    assert 'exception="Traceback' in line and "ValueError: bad\\nvalue" in line


@pytest.mark.django_db
def test_site_search_runs_on_the_database_full_text_engine(home_page):
    backend = get_search_backend()
    expected = {
        "postgresql": "PostgresSearchBackend",
        "sqlite": "SQLiteSearchBackend",
    }[connection.vendor]
    assert type(backend).__name__ == expected
    get_or_create_child(
        home_page, StandardPage, "groups", title="Peer groups", intro="Weekly recovery circles."
    )
    found = StandardPage.objects.live().search("peer groups")
    assert [page.slug for page in found] == ["groups"]


def policy_of(response):
    """The Content-Security-Policy header as {directive: sources}."""
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


def test_reader_pages_send_the_strict_content_security_policy(client, home_page):
    response = client.get("/")
    assert policy_of(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
        "media-src": "'self'",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": "https://www.youtube-nocookie.com https://player.vimeo.com",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
        "base-uri": "'self'",
        "object-src": "'none'",
    }
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_admin_allows_inline_scripts_and_styles(client, db):
    policy = policy_of(client.get("/admin/login/"))
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["img-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
