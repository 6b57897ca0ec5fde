"""The site with production settings under gunicorn, on a SQLite file, while what it
depends on fails for real: its Redis stopped, frozen, or full; its database file
missing or read-only. Readers keep their pages, staff can sign in, and a contact
message is either stored or handed back to the reader with a clear 503."""

import shutil
import time

import pytest
import requests

from tests.newunity.outages import (
    PAGES,
    PROXY_HEADERS,
    REQUEST_TIMEOUT,
    SETUP_CONTENT,
    Gunicorn,
    RedisServer,
    get,
    open_contact_form,
    press_send,
    production_env,
    read_only,
    reader,
    send_message,
    sign_in,
    stored_messages,
    timed_get,
)
from tests.newunity.servers import manage

# The servers run on a database of their own (SQLite files),
# whatever DATABASE_URL names: the same in every pass of the suite.
pytestmark = pytest.mark.own_database

# The cache backend leaves a failed server alone this long (base.cache.RETRY_AFTER).
RETRY_AFTER = 5
# Redis's own memory use before anything is stored is about 1 MB.
REDIS_MAX_MEMORY = "3mb"


@pytest.fixture(scope="module")
def site_database(tmp_path_factory):
    """A migrated SQLite file with the home, meetings and contact pages and one editor,
    made by `migrate` from nothing. Tests that break it break a copy."""
    folder = tmp_path_factory.mktemp("site")
    database = folder / "db.sqlite3"
    env = production_env(database, STATIC_ROOT=str(folder / "static"))
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    manage("shell", "--no-imports", "-c", SETUP_CONTENT, env=env)
    return database, env


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """Bounded as the compose file bounds it, only smaller."""
    server = RedisServer(
        tmp_path_factory.mktemp("redis"),
        "--maxmemory", REDIS_MAX_MEMORY,
        "--maxmemory-policy", "allkeys-lru",
    )  # fmt: skip
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site(site_database, redis_server, tmp_path_factory):
    database, env = site_database
    log = tmp_path_factory.mktemp("gunicorn") / "site.log"
    env = {**env, "REDIS_URL": redis_server.url, "CONTACT_RATE_LIMIT_PER_DAY": "2"}
    with Gunicorn(env, log) as server:
        yield server, database


@pytest.fixture
def redis_running(redis_server):
    """Each test starts and ends with its Redis running."""
    if redis_server.process is None:
        redis_server.start()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    else:
        redis_server.thaw()


def uncached_timings(url, server):
    """Each page's time made afresh while Redis answers (its cache emptied before each)."""
    timings = {}
    for path in PAGES:
        server.client().flushdb()
        response, seconds = timed_get(url, path)
        assert response.status_code == 200, path
        timings[path] = seconds
    return timings


def print_timings(title, baseline, timings):
    print(f"\n{title}: seconds per page (made afresh with Redis answering -> now)")
    for path in PAGES:
        print(f"  {path:28} {baseline[path]:6.3f} -> {timings[path]:6.3f}")


def test_redis_stopped_readers_staff_and_the_form_carry_on(site, redis_running):
    server, database = site
    url = server.url
    baseline = uncached_timings(url, redis_running)
    assert get(url, "/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}

    redis_running.stop()

    timings = {}
    for path in PAGES:
        response, timings[path] = timed_get(url, path)
        assert response.status_code == 200, path
        assert "X-Page-Cache" not in response  # made afresh, not stored
    print_timings("Redis stopped", baseline, timings)
    # About a second at most: a refused connection fails at once.
    assert all(timings[path] < baseline[path] + 1.5 for path in PAGES), timings

    health = get(url, "/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}

    sent = send_message(url, "198.51.100.1", "Sent while Redis was stopped.")
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/contact/?sent")
    assert stored_messages(database, "Sent while Redis was stopped.") == 1

    staff, signed_in = sign_in(url)
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    dashboard = get(url, "/admin/", session=staff)
    assert dashboard.status_code == 200 and "Dashboard" in dashboard.text

    assert "cache server unreachable" in server.log()

    # Back again: pages are stored and served from the cache once more.
    redis_running.start()
    get(url, "/meetings/")  # may still find the server left alone for a few seconds
    cache_states = []
    for _ in range(RETRY_AFTER * 4):
        cache_states.append(get(url, "/meetings/").headers.get("X-Page-Cache"))
        if cache_states[-1] == "hit":
            break
        time.sleep(0.5)
    assert cache_states[-1] == "hit", cache_states
    assert get(url, "/healthz").json()["status"] == "ok"


def test_redis_frozen_pages_answer_within_seconds_and_none_is_stale(
    site, site_database, redis_running
):
    server, database = site
    url = server.url
    baseline = uncached_timings(url, redis_running)
    get(url, "/meetings/")
    assert get(url, "/meetings/").headers["X-Page-Cache"] == "hit"

    redis_running.freeze()

    timings = {}
    for path in PAGES:
        response, timings[path] = timed_get(url, path)
        assert response.status_code == 200, path
    print_timings("Redis frozen (SIGSTOP)", baseline, timings)
    # One socket timeout (a second) at most, then the server is left alone for a while.
    assert all(timings[path] < baseline[path] + 1.5 for path in PAGES), timings

    health, seconds = timed_get(url, "/healthz")
    print(f"  /healthz {seconds:.3f} s: {health.json()}")
    assert health.status_code == 200 and health.json()["status"] == "degraded"

    sent = send_message(url, "198.51.100.2", "Sent while Redis was frozen.")
    assert sent.status_code == 302
    assert stored_messages(database, "Sent while Redis was frozen.") == 1
    assert sign_in(url)[1].status_code == 302

    # Published meanwhile, through another process: nothing can tell Redis.
    publish = (
        "from home.models import StandardPage; "
        "page = StandardPage.objects.get(slug='meetings'); "
        "page.title = 'Meeting times this winter'; page.save_revision().publish()"
    )
    env = {**site_database[1], "REDIS_URL": redis_running.url}
    manage("shell", "--no-imports", "-c", publish, env=env)
    assert "this winter" in get(url, "/meetings/").text

    redis_running.thaw()
    time.sleep(RETRY_AFTER + 0.5)
    # Redis still holds the page stored before: the site starts a new generation when
    # the server answers again, so readers get the new title, never the stored one.
    for _ in range(2):
        assert "this winter" in get(url, "/meetings/").text
    assert get(url, "/meetings/").headers["X-Page-Cache"] == "hit"
    assert "cache server answers again" in server.log()


def test_a_flood_of_addresses_neither_fills_redis_nor_resets_a_rate_limit(site, redis_running):
    server, database = site
    url = server.url
    address = "198.51.100.3"
    statuses = [send_message(url, address, f"Flood test {n}.").status_code for n in range(3)]
    assert statuses == [302, 302, 429]  # two a day, as configured for this site

    cache = redis_running.client()
    flood = reader("203.0.113.9")
    get(url, "/?x=first", session=flood)  # what any view of the page keeps (renditions, ...)
    keys = cache.dbsize()
    for number in range(100):  # addresses with a parameter no page reads
        response = get(url, f"/?x={number}", session=flood)
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert cache.dbsize() == keys, cache.keys()

    # Room for a few dozen more pages, so that the flood fills it quickly.
    cache.config_set("maxmemory", cache.info("memory")["used_memory"] + 200 * 1024)
    started = time.monotonic()
    searches = 0
    try:
        while cache.info("stats")["evicted_keys"] == 0 and searches < 1000:
            response = get(url, f"/search/?query=meeting{searches}", session=flood)
            assert response.status_code == 200
            searches += 1
        memory = cache.info("memory")
    finally:
        cache.config_set("maxmemory", REDIS_MAX_MEMORY)
    print(
        f"\n{searches} distinct searches in {time.monotonic() - started:.1f} s until Redis "
        f"(maxmemory {memory['maxmemory_human']}) evicted: used {memory['used_memory_human']}, "
        f"{cache.info('stats')['evicted_keys']} keys evicted"
    )
    assert cache.info("stats")["evicted_keys"] > 0
    assert memory["used_memory"] <= memory["maxmemory"] * 1.1

    refused = send_message(url, address, "Flood test after the flood.")
    assert refused.status_code == 429
    assert "Flood test after the flood." in refused.text  # handed back, not lost
    assert stored_messages(database, "Flood test") == 2


@pytest.fixture
def database_copy(site_database, tmp_path):
    """A copy of the site's database, its environment, and where servers log, without
    Redis: each process keeps its cache in memory."""
    database, env = site_database
    copy = tmp_path / "db.sqlite3"
    shutil.copyfile(database, copy)
    return copy, {**env, "DATABASE_URL": f"sqlite:///{copy}"}, tmp_path / "site.log"


def test_a_missing_database_file_is_reported_and_never_created(database_copy):
    database, env, log = database_copy
    database.unlink()
    with Gunicorn(env, log) as server:
        health = get(server.url, "/healthz")
        assert health.status_code == 503
        assert health.json() == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "local",
        }
        page = get(server.url, "/meetings/")
        assert page.status_code == 503 and "not available just now" in page.text
        # A sign-in is not a message to keep: its password is never written out.
        signing_in = requests.post(
            server.url + "/admin/login/",
            data={"username": "editor", "password": "a-password-on-screen"},
            headers=PROXY_HEADERS,
            timeout=REQUEST_TIMEOUT,
            allow_redirects=False,
        )
        assert signing_in.status_code == 503
        assert "not available just now" in signing_in.text
        assert "a-password-on-screen" not in signing_in.text
    assert not database.exists()


def test_a_database_file_deleted_while_serving_loses_no_message(database_copy):
    database, env, log = database_copy
    with Gunicorn(env, log) as server:
        assert get(server.url, "/healthz").json()["status"] == "ok"
        assert send_message(server.url, "198.51.100.4", "Before the file went.").status_code == 302
        typing = open_contact_form(server.url, "198.51.100.4", "After the file went.")
        for path in database.parent.glob("db.sqlite3*"):
            path.unlink()

        health = get(server.url, "/healthz")
        assert health.status_code == 503 and health.json()["database"] == "unavailable"
        refused = press_send(server.url, *typing)
        # The form page itself needs the database: the reader gets a page made without it,
        # holding what they typed and a button that sends it again, and nothing is
        # written anywhere it would be lost.
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "300"
        assert "Your message was not sent" in refused.text
        assert "After the file went." in refused.text
        session, data = typing
        for name, value in data.items():
            if name != "csrfmiddlewaretoken":
                assert f'name="{name}" value="{value}"' in refused.text, name
        assert "(408) 599-6566" in refused.text
    assert not database.exists()


def test_a_read_only_database_serves_readers_and_hands_messages_back(database_copy):
    database, env, log = database_copy
    with read_only(database), Gunicorn(env, log) as server:
        for path in ("/", "/meetings/", "/contact/", "/search/?query=meeting", "/sitemap.xml"):
            assert get(server.url, path).status_code == 200, path
        health = get(server.url, "/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "database": "read-only", "cache": "local"}

        typed = "Please call me back, I could not get through on the phone."
        refused = send_message(server.url, "198.51.100.5", typed)
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "300"
        assert "Your message could not be saved" in refused.text
        assert typed in refused.text  # still in the form, ready to send again
        assert 'value="Sam Reader"' in refused.text
        assert "could not be stored" in server.log()
    assert stored_messages(database, typed) == 0
