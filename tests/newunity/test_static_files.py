"""Static files as production serves them: `collectstatic` with WhiteNoise's
compressed manifest storage gives hashed names, and WhiteNoise serves those
compressed and cacheable for ten years."""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

TEN_YEARS = 10 * 365 * 24 * 60 * 60
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected_static(settings, tmp_path):
    """The project's own static files collected with the production storage into a
    folder of this test's own (Wagtail's admin files are left out to keep it quick)."""
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


@pytest.mark.parametrize("name", ["css/site.css", "js/site.js", "img/favicon.svg"])
def test_collectstatic_writes_hashed_and_compressed_copies(collected_static, name):
    hashed = staticfiles_storage.stored_name(name)

    stem, extension = name.rsplit(".", 1)
    assert re.fullmatch(rf"{re.escape(stem)}\.[0-9a-f]{{12}}\.{extension}", hashed)
    assert (collected_static / hashed).is_file()
    assert (collected_static / f"{hashed}.gz").is_file()


def test_hashed_file_is_served_compressed_and_cached_for_ten_years(collected_static, client):
    url = staticfiles_storage.url("css/site.css")

    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == f"max-age={TEN_YEARS}, public, immutable"
    assert "Accept-Encoding" in response["Vary"]


def test_unhashed_name_is_cached_only_briefly(collected_static, client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"


def test_pages_link_the_hashed_files(collected_static, client, home_page):
    html = client.get(home_page.url).content.decode()

    for name in ("css/site.css", "js/site.js", "img/favicon.svg"):
        assert staticfiles_storage.url(name) in html
    assert re.search(r'<script src="/static/js/site\.[0-9a-f]{12}\.js" defer>', html)
