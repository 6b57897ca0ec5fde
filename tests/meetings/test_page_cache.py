"""Time travel: a cached page never announces a meeting that has already ended. Pages
that name a next meeting are stored only until that meeting ends (base.page_cache.
expire_page_in), checked against the site's clock on every hit: the same with the
process's memory cache and with Redis, whose own expiry runs on the real clock."""

import datetime
import os
import uuid

import pytest
from django.core.cache import caches

from tests.conftest import require
from tests.home.helpers import soup
from tests.meetings.conftest import PACIFIC

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.fixture(params=["memory", "redis"])
def page_cache_on(request, settings):
    if request.param == "redis":
        require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"meetings-test-{uuid.uuid4().hex}",
            },
        }
    settings.PAGE_CACHE_ENABLED = True
    # A day: what ends a stored page here is the meeting, not the usual lifetime.
    settings.PAGE_CACHE_TIMEOUT = 24 * 60 * 60
    yield
    caches["default"].clear()


def next_meeting_text(client, url):
    response = client.get(url)
    page = soup(response)
    node = page.select_one(".facts div") if "circle" in url else page.select_one(".meeting-next")
    return response["X-Page-Cache"], " ".join(node.get_text(" ", strip=True).split())


def test_a_cached_page_never_announces_a_meeting_that_has_ended(
    page_cache_on, client, groups, clock
):
    urls = [groups["circle"].url, groups["service"].url, "/"]
    # Tuesday 5 January, 7 pm: the circle meets until 7:30 pm.
    clock.move_to(datetime.datetime(2027, 1, 5, 19, tzinfo=PACIFIC))
    assert [client.get(url)["X-Page-Cache"] for url in urls] == ["miss"] * 3
    during = {url: next_meeting_text(client, url) for url in urls}
    assert all(state == "hit" for state, _ in during.values())
    assert all("Tuesday 5 January, 6:00\u20137:30 pm" in text for _, text in during.values())
    assert client.get(urls[0])["Cache-Control"] == "public, max-age=60"

    # A minute before the end: still served from the cache, still right.
    clock.move_to(datetime.datetime(2027, 1, 5, 19, 29, tzinfo=PACIFIC))
    response = client.get(urls[0])
    assert response["X-Page-Cache"] == "hit"
    # Browsers and CDNs may keep it a minute, up to the end of the meeting.
    clock.move_to(datetime.datetime(2027, 1, 5, 19, 29, 45, tzinfo=PACIFIC))
    assert client.get("/meetings/")["Cache-Control"] == "public, max-age=15"

    # The meeting has ended: every page names the next one (the 12th is cancelled).
    clock.move_to(datetime.datetime(2027, 1, 5, 19, 30, tzinfo=PACIFIC))
    after = {url: next_meeting_text(client, url) for url in urls}
    assert all(state == "miss" for state, _ in after.values()), after
    assert not any("5 January" in text for _, text in after.values())
    assert "Tuesday 19 January, 6:00\u20137:30 pm" in after[groups["circle"].url][1]
    meetings = soup(client.get("/meetings/"))
    assert meetings.select_one(".meeting-day h3").get_text(strip=True) == "Sunday 10 January"
