"""The real processes the outage tests break: a Redis server of their own (stopped,
frozen, or small and full), gunicorn with production settings on a SQLite file, and
what a reader and a staff member do through HTTP."""

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from contextlib import contextmanager

import redis
import requests

from tests.conftest import require
from tests.newunity.servers import BASE_DIR, VENV_BIN, StaffMember, free_port

HOST = "newunity.example.org"
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
EDITOR = StaffMember("editor")
REQUEST_TIMEOUT = 60

SETUP_CONTENT = f"""
from django.contrib.auth import get_user_model
from django.test import Client
from base.demo import get_or_create_child
from home.models import StandardPage
from tests.factories import make_home_page
import forms.demo

home = make_home_page()
get_or_create_child(home, StandardPage, "meetings", title="Meeting times", intro="Weekly.")
forms.demo.load(home)
{EDITOR.setup}
# Each page once, as readers will: what a first view writes (site settings, image
# renditions) is written now, while the database takes writes.
reader = Client(headers={{"host": "{HOST}"}})
for path in ("/", "/meetings/", "/contact/", "/search/?query=meeting", "/sitemap.xml"):
    assert reader.get(path, secure=True).status_code == 200, path
"""

# Reader pages, the search, the sitemap, the contact form and the admin's sign-in page.
PAGES = ["/", "/meetings/", "/contact/", "/search/?query=meeting", "/sitemap.xml", "/admin/login/"]


class RedisServer:
    """A redis-server of the test's own on a free loopback port, to stop and freeze."""

    def __init__(self, directory, *options):
        require(shutil.which("redis-server"), "redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.command = [
            "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--save", "",
            "--appendonly", "no",
            "--dir", str(directory),
            *options,
        ]  # fmt: skip
        self.process = None

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def freeze(self):
        """The server still accepts connections (the kernel does) but answers nothing."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


def production_env(database, **extra):
    return {
        "DJANGO_SETTINGS_MODULE": "newunity.settings.production",
        "SECRET_KEY": "outages-" + "0123456789abcdef" * 4,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{database}",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "WEB_CONCURRENCY": "1",
        "TASKS_BACKEND": "database",
        # The proxy in front names each reader's address.
        "CONTACT_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "CONTACT_MIN_FILL_SECONDS": "0",
        **extra,
    }


class Gunicorn:
    """gunicorn serving the site with `env`, on its own port, its log in `log_path`."""

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.url = None
        self.process = None

    def __enter__(self):
        port = free_port()
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                [
                    str(VENV_BIN / "gunicorn"),
                    "newunity.wsgi",
                    "--config=gunicorn.conf.py",
                    f"--bind=127.0.0.1:{port}",
                    "--no-control-socket",
                ],
                cwd=BASE_DIR,
                env={"PATH": os.environ.get("PATH", ""), **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            try:
                get(self.url, "/healthz", timeout=10)
                return self
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        raise AssertionError("gunicorn did not answer")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def log(self):
        return self.log_path.read_text()


def get(url, path, session=requests, timeout=REQUEST_TIMEOUT):
    return session.get(url + path, headers=PROXY_HEADERS, timeout=timeout, allow_redirects=False)


def timed_get(url, path, timeout=REQUEST_TIMEOUT):
    started = time.monotonic()
    response = get(url, path, timeout=timeout)
    return response, time.monotonic() - started


def reader(address):
    """A browser as the site sees it behind the proxy, from `address`."""
    session = requests.Session()
    session.headers.update(
        {**PROXY_HEADERS, "Origin": f"https://{HOST}", "X-Forwarded-For": address}
    )
    return session


def open_contact_form(url, address, message):
    """A reader at `address` opens the contact page and types `message`: their browser
    session and what it would post."""
    session = reader(address)
    form = session.get(f"{url}/contact/", timeout=REQUEST_TIMEOUT)
    assert form.status_code == 200, form.text[-2000:]
    data = {
        "name": "Sam Reader",
        "email": "sam@example.org",
        "phone": "",
        "preferred_contact_method": "Email",
        "service_of_interest": "",
        "message": message,
        "i_understand_this_form_is_not_for_emergencies": "on",
        "homepage": "",
        "form_token": re.search(r'name="form_token" value="([^"]+)"', form.text)[1],
        "csrfmiddlewaretoken": session.cookies["csrftoken"],
    }
    return session, data


def press_send(url, session, data):
    return session.post(
        f"{url}/contact/", data=data, timeout=REQUEST_TIMEOUT, allow_redirects=False
    )


def send_message(url, address, message):
    """Open the contact page and send `message` from `address`, as a reader would."""
    return press_send(url, *open_contact_form(url, address, message))


def sign_in(url):
    """A staff member signing in to the admin with their password and code; the session
    and the response to the last form they sent."""
    return EDITOR.sign_in(url, {**PROXY_HEADERS, "Origin": f"https://{HOST}"}, REQUEST_TIMEOUT)


def stored_messages(database, text):
    """How many stored contact submissions hold `text`, read from the file itself."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        query = "SELECT count(*) FROM forms_contactsubmission WHERE form_data LIKE ?"
        return db.execute(query, (f"%{text}%",)).fetchone()[0]


@contextmanager
def read_only(path):
    """`path` made read-only for real, for this process and the servers it starts: for
    root, whom file modes do not stop, with the file system's immutable flag."""
    if os.geteuid() == 0:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        require(result.returncode == 0, f"cannot make a file immutable: {result.stderr}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
