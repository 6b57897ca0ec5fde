from io import StringIO

from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from home.models import HomePage


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
    }


def test_load_demo_content_builds_the_page_tree(home_page):
    call_command("load_demo_content", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    children = {page.slug for page in site.root_page.get_children().live()}
    assert {"blog", "services", "contact", "about"} <= children


def test_load_demo_content_is_idempotent(home_page):
    call_command("load_demo_content", stdout=StringIO())
    before = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    assert snapshot() == before
