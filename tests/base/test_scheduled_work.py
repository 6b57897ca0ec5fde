"""The scheduler publishes what editors scheduled, by itself: a real
`manage.py run_scheduled_work` process against the test database and the
shared Redis the page cache lives in."""

import datetime
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.utils import timezone

from tests.conftest import require
from tests.factories import make_article
from tests.newunity.servers import BASE_DIR, PRODUCTION_ENV, database_url

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.fixture
def shared_page_cache(settings):
    require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
    prefix = f"scheduler-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    return prefix


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_article_appears_at_its_time_without_anyone_running_a_command(
    client, blog_index, shared_page_cache
):
    make_article(blog_index, "Already out")
    assert client.get("/blog/").headers["X-Page-Cache"] == "miss"
    assert client.get("/blog/").headers["X-Page-Cache"] == "hit"

    scheduled = make_article(blog_index, "Out at its time", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(seconds=3)
    scheduled.save_revision().publish()  # approved: Wagtail waits for go_live_at
    scheduled.refresh_from_db()
    assert not scheduled.live

    scheduler = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduled_work", "--tick", "1"],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            **PRODUCTION_ENV,
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": shared_page_cache,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        published = wait_for(lambda: "Out at its time" in client.get("/blog/").text)
    finally:
        scheduler.terminate()
        output = scheduler.communicate(timeout=30)[0]
    assert published, output
    assert scheduler.returncode == 0, output
    assert "Out at its time" in client.get("/blog/feed/rss/").text
    assert "/blog/out-at-its-time/" in client.get("/sitemap.xml").text
    assert client.get("/blog/out-at-its-time/").status_code == 200
