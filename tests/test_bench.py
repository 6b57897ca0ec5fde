"""`make bench` measures pages as the server runs them."""

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import Client

from bench.steps import serve


@pytest.mark.django_db(transaction=True)
def test_bench_ends_each_request_as_a_wsgi_server_does(monkeypatch):
    """Django closes or keeps its database connection when a request ends, which the
    test client never lets it do: a per-request connection would go unmeasured."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    connection.close()

    Client().get("/healthz")
    assert connection.connection is not None

    connection.close()
    status, body = serve(get_wsgi_application(), "/healthz")
    assert (status, body) == (200, b'{"status": "ok", "database": "ok"}')
    assert connection.connection is None
