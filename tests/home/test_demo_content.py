from io import StringIO

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from base.models import SiteSettings
from home.models import HomePage, StandardPage
from tests.home.helpers import soup


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


def test_demo_content_chooses_the_key_pages_and_keeps_what_staff_chose(home_page):
    call_command("load_demo_content", stdout=StringIO())
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.contact_page.url == "/contact/"
    assert site_settings.privacy_page.url == "/privacy-policy/"

    site_settings.privacy_page = StandardPage.objects.get(slug="about")
    site_settings.save()
    call_command("load_demo_content", stdout=StringIO())
    site_settings.refresh_from_db()
    assert site_settings.privacy_page.url == "/about/"
    assert site_settings.contact_page.url == "/contact/"


def test_demo_services_menus_and_featured_services(client, home_page):
    call_command("load_demo_content", stdout=StringIO())
    services = soup(client.get("/services/"))
    assert len(services.select(".card")) == 6
    home = soup(client.get("/"))
    assert [a.text for a in home.select('nav[aria-label="Main"] a')] == [
        "Services",
        "Meetings",
        "Blog",
        "About us",
        "Contact us",
        "Search",
    ]
    assert [a.text for a in home.select('nav[aria-label="Footer"] a')] == [
        "Privacy policy",
        "Accessibility statement",
        "Contact us",
    ]
    featured = home.select('section[aria-labelledby="services-heading"] .card')
    assert len(featured) == 3


def test_demo_privacy_policy_matches_what_the_contact_form_keeps(client, home_page):
    call_command("load_demo_content", stdout=StringIO())
    policy = soup(client.get("/privacy-policy/")).select_one("main").text
    assert f"deleted automatically {settings.CONTACT_RETENTION_DAYS} days" in policy
    assert f"deleted after {settings.CONTACT_SPAM_RETENTION_DAYS} days" in policy
    assert "no analytics and no third-party trackers" in policy
    accessibility = soup(client.get("/accessibility/")).select_one("main").text
    assert "WCAG) 2.2 at level AA" in accessibility


def test_demo_content_shows_the_organisations_real_phone_and_no_invented_address(client, home_page):
    call_command("load_demo_content", stdout=StringIO())
    page = soup(client.get("/"))
    phone_links = {link.text.strip() for link in page.select('a[href="tel:4085996566"]')}
    assert phone_links == {"(408) 599-6566"}
    assert not page.select('a[href^="tel:"]:not([href="tel:4085996566"])')
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).address == ""
