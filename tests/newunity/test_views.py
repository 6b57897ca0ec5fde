import pytest
from django.db import connection


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    # Point the connection at a database that cannot be opened: a real failure.
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="9")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
