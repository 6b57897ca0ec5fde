"""Staff are signed out after SESSION_COOKIE_AGE without a request, not after it in all."""

import time

import pytest

from tests.factories import sign_in_verified

pytestmark = pytest.mark.django_db


def test_a_session_ends_after_idle_time_and_each_request_extends_it(
    client, django_user_model, settings
):
    settings.SESSION_COOKIE_AGE = 2
    boss = django_user_model.objects.create_superuser("boss", "boss@newunity.test", "pw")
    sign_in_verified(client, boss)
    # Busy for longer than the idle time: still signed in.
    for _ in range(4):
        assert client.get("/admin/").status_code == 200
        time.sleep(0.8)
    time.sleep(2.5)  # away
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
