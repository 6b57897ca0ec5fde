import pytest

from tests.newunity.servers import PRODUCTION_ENV, run_manage


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = dict(PRODUCTION_ENV)
    del env[missing]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]


def test_production_passes_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "TASKS_BACKEND": "database"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_checks_warn_when_tasks_would_run_inside_requests():
    # With the default backend, a contact post would wait for the mail server.
    result = run_manage("check", "--deploy", env=PRODUCTION_ENV)
    warnings = [line for line in result.stderr.splitlines() if "base.W001" in line]
    assert warnings == [
        "?: (base.W001) Background tasks run inside each request (the immediate task backend)."
    ], result.stderr
