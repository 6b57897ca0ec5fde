import pytest
from django.db import connection


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
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


def test_404_page_uses_the_site_layout(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "find that page" in content
    assert '<main id="main"' in content
    assert 'href="#main"' in content


def test_500_page_renders_without_database_or_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert "988" in html
