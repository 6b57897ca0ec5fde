"""Two gunicorn servers with production settings, sharing one PostgreSQL
database (made for this module and dropped after it) and one Redis, as behind
a load balancer: what is published through one is what the other serves."""

import json
import os
import re
import subprocess
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests

from tests.conftest import require
from tests.newunity.servers import (
    BASE_DIR,
    VENV_BIN,
    StaffMember,
    free_port,
    manage,
    run_python,
)

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
# The servers run on a database of their own (TEST_POSTGRES_URL), whatever
# DATABASE_URL names: the same in every pass of the suite.
pytestmark = pytest.mark.own_database
# What the load balancer passes on: the public host name, and that TLS was used.
HOST = "newunity.example.org"
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
EDITOR = StaffMember("editor")
REQUEST_TIMEOUT = 60

SETUP_CONTENT = """
from django.contrib.auth import get_user_model
from base.demo import get_or_create_child
from home.demo import load_home_page
from home.models import StandardPage

home = load_home_page()
get_or_create_child(home, StandardPage, "meetings", title="Meeting times", intro="Weekly.")
"""
SETUP_CONTENT += EDITOR.setup

TASK_STATES = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

print(json.dumps(dict(DBTaskResult.objects.values_list("status").annotate(Count("id")))))
"""

SAVE_DRAFT = """
from home.models import StandardPage

page = StandardPage.objects.get(slug="meetings")
page.title = "Meeting times this winter"
page.save_revision()
print(page.pk)
"""


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """The environment of every production process: a fresh database, the
    shared Redis under a key prefix of its own, static files collected."""
    require(POSTGRES_URL, "PostgreSQL not configured (set TEST_POSTGRES_URL)")
    require(REDIS_URL, "Redis not configured (set TEST_REDIS_URL)")
    name = f"newunity_two_servers_{os.getpid()}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    server = urlsplit(POSTGRES_URL)
    env = {
        "DJANGO_SETTINGS_MODULE": "newunity.settings.production",
        "SECRET_KEY": "two-servers-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": urlunsplit(
            (server.scheme, server.netloc, f"/{name}", server.query, server.fragment)
        ),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex}",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        # The test speaks plain HTTP to the servers; cookies marked Secure would
        # not come back. Everything else is as in production.
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "WEB_CONCURRENCY": "1",
        # Background tasks (Wagtail's reference index, renditions, notifications)
        # are queued in the database for the worker process.
        "TASKS_BACKEND": "database",
    }
    try:
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        manage("shell", "--no-imports", "-c", SETUP_CONTENT, env=env)
        yield env
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server_logs(tmp_path_factory):
    """Where each server's stdout and stderr go."""
    return tmp_path_factory.mktemp("gunicorn")


@pytest.fixture(scope="module")
def servers(production_env, server_logs):
    """Two gunicorn servers on their own loopback ports, once both answer."""
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            with (server_logs / f"{name}.log").open("w") as log:
                process = subprocess.Popen(
                    [
                        str(VENV_BIN / "gunicorn"),
                        "newunity.wsgi",
                        "--config=gunicorn.conf.py",
                        f"--bind=127.0.0.1:{port}",
                        "--no-control-socket",
                    ],
                    cwd=BASE_DIR,
                    env={"PATH": os.environ.get("PATH", ""), **production_env},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            processes.append(process)
            urls.append(f"http://127.0.0.1:{port}")
            wait_until_healthy(urls[-1], process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def wait_until_healthy(url, process):
    # Generous: on a busy two-core machine a fresh worker can take a while.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited at start"
        try:
            if requests.get(f"{url}/healthz", headers=PROXY_HEADERS, timeout=10).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not become healthy")


def get(url, path):
    return requests.get(
        url + path, headers=PROXY_HEADERS, timeout=REQUEST_TIMEOUT, allow_redirects=False
    )


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).strip()


def signed_in_editor(url):
    """A requests session signed in to the admin of the server at `url`."""
    session, response = EDITOR.sign_in(url, {**PROXY_HEADERS, "Origin": f"https://{HOST}"})
    assert response.status_code == 302, response.text[:2000]
    return session


def test_page_published_through_one_server_is_served_fresh_by_the_other(servers, production_env):
    server_a, server_b = servers
    # Both servers have served the current version, from Redis's page cache after the first.
    cache_states = []
    for url in (server_a, server_b, server_a, server_b):
        response = get(url, "/meetings/")
        assert response.status_code == 200
        assert "Meeting times" in title_of(response)
        assert "this winter" not in response.text
        cache_states.append(response.headers.get("X-Page-Cache"))
    # The shared page cache is in play: both now answer from what was stored.
    assert cache_states[-2:] == ["hit", "hit"], cache_states

    page_id = manage("shell", "--no-imports", "-c", SAVE_DRAFT, env=production_env).strip()
    # A saved draft changes nothing for readers.
    assert "this winter" not in get(server_b, "/meetings/").text

    editor = signed_in_editor(server_a)
    published = editor.post(
        f"{server_a}/admin/bulk/wagtailcore/page/publish/?id={page_id}",
        data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
        timeout=REQUEST_TIMEOUT,
        allow_redirects=False,
    )
    assert published.status_code == 302, published.text[:2000]

    fresh = get(server_b, "/meetings/")
    assert fresh.status_code == 200
    assert "Meeting times this winter" in title_of(fresh)


def test_sign_in_on_one_server_holds_on_the_other(servers):
    server_a, server_b = servers
    editor = signed_in_editor(server_a)
    response = editor.get(f"{server_b}/admin/", timeout=REQUEST_TIMEOUT, allow_redirects=False)
    assert response.status_code == 200


def test_servers_redirect_plain_http_and_send_security_headers(servers):
    server_a, _ = servers
    plain = requests.get(
        f"{server_a}/meetings/",
        headers={"Host": HOST},
        timeout=REQUEST_TIMEOUT,
        allow_redirects=False,
    )
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://{HOST}/meetings/"

    secure = get(server_a, "/meetings/")
    assert secure.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "default-src 'self'" in secure.headers["Content-Security-Policy"]
    assert secure.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert secure.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in secure.headers["Permissions-Policy"]


def test_worker_process_runs_the_tasks_the_site_queued(servers, production_env):
    def task_states():
        output = manage("shell", "--no-imports", "-c", TASK_STATES, env=production_env)
        return json.loads(output.strip().splitlines()[-1])

    # Creating and publishing pages queued work, and nothing has run it yet.
    queued = task_states()
    assert queued.get("READY", 0) > 0, queued

    manage("db_worker", "--batch", "--no-startup-delay", "--queue-name=*", env=production_env)

    assert task_states() == {"SUCCESSFUL": sum(queued.values())}


def test_servers_log_one_key_value_line_per_event(servers, server_logs):
    get(servers[0], "/meetings/?page=1")
    access = 'logger=gunicorn.access method=GET path="/meetings/" query="page=1" status=200'
    # gunicorn writes the access line just after the response has gone.
    deadline = time.monotonic() + 10
    while True:
        lines = (server_logs / "a.log").read_text().splitlines()
        if any(access in line for line in lines) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert any(access in line for line in lines)
    assert any('logger=gunicorn.error message="Booting worker' in line for line in lines)
    for line in lines:
        assert re.match(r"time=\d{4}-\d\d-\d\dT[\d:.]+Z level=[A-Z]+ logger=\S+ \S", line), line


def test_container_health_probe_reports_whether_the_server_answers(servers):
    def probe(bind):
        return run_python(
            ["-m", "base.healthcheck"], env={"GUNICORN_BIND": bind, "ALLOWED_HOSTS": HOST}
        )

    assert probe(servers[0].removeprefix("http://")).returncode == 0
    assert probe(f"127.0.0.1:{free_port()}").returncode == 1
