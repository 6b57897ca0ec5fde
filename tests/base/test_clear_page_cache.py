"""`manage.py clear_page_cache`: every stored page is rendered afresh on its next request."""

import pytest
from django.core.management import CommandError, call_command

from base.demo import get_or_create_child
from base.page_cache import page_cache
from home.models import StandardPage
from tests.newunity.servers import PRODUCTION_ENV, run_manage


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    yield
    page_cache().clear()


def test_a_stored_page_is_rendered_afresh_after_clearing(cache_on, home_page, client, capsys):
    get_or_create_child(home_page, StandardPage, "about", title="About us")
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"

    call_command("clear_page_cache")

    assert capsys.readouterr().out == "Page cache cleared: every page will be rendered afresh.\n"
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_clearing_fails_clearly_while_the_cache_server_is_down(cache_server_down, db):
    with pytest.raises(CommandError, match="cannot be reached, so nothing was cleared"):
        call_command("clear_page_cache")


def test_the_command_exits_with_an_error_while_the_cache_server_is_down():
    result = run_manage(
        "clear_page_cache", env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:1/0"}
    )
    assert result.returncode != 0
    assert 'The page cache ("default") cannot be reached' in result.stderr
    assert "Page cache cleared" not in result.stdout
