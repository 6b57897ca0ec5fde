"""Starting the site's own processes (manage.py, gunicorn) and the services
they need, on free loopback ports, for the production tests."""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from django.db import connection
from django_otp.oath import TOTP

from scripts.ports import free_port  # noqa: F401 (the tests' servers use it)

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newunity.settings.production",
    "SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
    "ALLOWED_HOSTS": "newunity.example.org",
}


def database_url():
    """The test database, as a process of its own reaches it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_manage(*args, env):
    return run_python(["manage.py", *args], env=env)


def run_python(args, env):
    """This venv's Python in a process of its own, in the project folder, with
    exactly this environment (and PATH)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage(*args, env):
    """The output of a manage.py command that must succeed."""
    result = run_manage(*args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class StaffMember:
    """A staff member of a test server, with their authenticator app: `SETUP` makes them
    (a superuser, so their code is required) in the server's database, `sign_in` signs
    them in through the real forms, as staff do."""

    def __init__(self, username):
        self.username = username
        self.password = f"{username}-" + uuid.uuid4().hex
        self.totp_key = uuid.uuid4().hex
        self.steps_used = []

    @property
    def setup(self):
        return f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.create_superuser(
    "{self.username}", "{self.username}@example.org", "{self.password}"
)
TOTPDevice.objects.create(user=user, name="phone", key="{self.totp_key}", confirmed=True)
"""

    def next_code(self):
        """The code for now, or for the next 30 s step if now's was used: a code is
        accepted once, and the step after now is accepted too."""
        now = int(time.time()) // 30
        step = max([now, *(used + 1 for used in self.steps_used)])
        self.steps_used.append(step)
        totp = TOTP(bytes.fromhex(self.totp_key))
        totp.time = step * 30
        return f"{totp.token():06d}"

    def sign_in(self, url, headers, timeout=60):
        """A requests session, and the response to the password and then the code (a 302
        into the admin when both were taken)."""
        session = requests.Session()
        session.headers.update(headers)
        session.get(f"{url}/admin/login/", timeout=timeout)
        response = session.post(
            f"{url}/admin/login/",
            data={
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            timeout=timeout,
            allow_redirects=False,
        )
        if response.status_code != 302:
            return session, response
        code_form = session.get(f"{url}/admin/2fa/auth", timeout=timeout).text
        device = re.search(r'name="otp_device" value="([^"]+)"', code_form).group(1)
        response = session.post(
            f"{url}/admin/2fa/auth",
            data={
                "otp_device": device,
                "otp_token": self.next_code(),
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            timeout=timeout,
            allow_redirects=False,
        )
        return session, response
