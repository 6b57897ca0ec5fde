"""Contact details and notices that staff edit once and readers see on every page."""

import pytest
from wagtail.models import Site

from base.models import SiteSettings, SocialLink
from base.templatetags.site_tags import tel_href
from tests.home.helpers import soup


@pytest.fixture
def site_settings(home_page):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize(
    ("field", "value", "shown_as"),
    [
        ("organisation_name", "Harbor Peer Network", "Harbor Peer Network"),
        ("contact_email", "talk@harbor.example", 'href="mailto:talk@harbor.example"'),
        ("phone", "+1 (555) 019-7000", 'href="tel:+15550197000"'),
        ("address", "9 Quay Lane\nPortsmouth", "9 Quay Lane<br>Portsmouth"),
        ("opening_hours", "Weekdays, 8am to 6pm", "Weekdays, 8am to 6pm"),
        ("footer_text", "Registered nonprofit 12-3456789.", "Registered nonprofit 12-3456789."),
        (
            "crisis_notice",
            "<p>Need help now? Dial <b>211</b>.</p>",
            "Need help now? Dial <b>211</b>",
        ),
    ],
)
def test_each_setting_shows_in_the_page_chrome(client, site_settings, field, value, shown_as):
    setattr(site_settings, field, value)
    site_settings.save()
    assert shown_as in client.get("/").content.decode(), field


def test_social_links_show_in_order(client, site_settings):
    site_settings.social_links = [
        SocialLink(label="Mastodon", url="https://social.example/@newunity", sort_order=1),
        SocialLink(label="Instagram", url="https://photos.example/newunity", sort_order=0),
    ]
    site_settings.save()
    links = soup(client.get("/")).select(".social-links a")
    assert [(a.text, a["href"]) for a in links] == [
        ("Instagram", "https://photos.example/newunity"),
        ("Mastodon", "https://social.example/@newunity"),
    ]


def test_the_crisis_notice_shows_988_by_default_and_can_be_switched_off(client, site_settings):
    notice = soup(client.get("/")).select_one(".crisis-notice")
    assert notice is not None and "988" in notice.text

    site_settings.crisis_notice_enabled = False
    site_settings.save()
    assert soup(client.get("/")).select_one(".crisis-notice") is None


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("(555) 010-2040", "tel:5550102040"),
        ("+1 555 010 2040", "tel:+15550102040"),
        ("555.010.2040", "tel:5550102040"),
    ],
)
def test_phone_numbers_become_tel_links_of_digits_and_plus_only(written, href):
    assert tel_href(written) == href


def test_footer_links_phone_and_email(client, home_page, site_settings):
    footer = soup(client.get("/")).select_one("footer.site-footer")
    phone = footer.select_one('a[href^="tel:"]')
    email = footer.select_one('a[href^="mailto:"]')
    assert (phone.text, phone["href"]) == (site_settings.phone, tel_href(site_settings.phone))
    assert (email.text, email["href"]) == (
        site_settings.contact_email,
        f"mailto:{site_settings.contact_email}",
    )


def test_empty_contact_details_leave_no_empty_links(client, home_page, site_settings):
    site_settings.phone = ""
    site_settings.contact_email = ""
    site_settings.save()
    footer = soup(client.get("/")).select_one("footer.site-footer")
    assert footer.select('a[href^="tel:"], a[href^="mailto:"]') == []
