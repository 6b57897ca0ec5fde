"""Starting the site's own processes (manage.py, gunicorn) and the services
they need, on free loopback ports, for the production tests."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

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
