"""Contact details and notices that staff edit once and readers see on every page."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from base.demo import get_or_create_child
from base.models import SiteSettings, SocialLink
from base.page_cache import page_cache
from base.templatetags.site_tags import tel_href
from forms.models import ContactFormPage
from home.models import StandardPage
from tests.factories import (
    make_article,
    make_blog_index,
    make_contact_page,
    make_service,
    make_service_index,
)
from tests.home.helpers import soup


@pytest.fixture
def page_of_each_type(home_page):
    """The URL of one live page of every type, by type."""
    services = make_service_index(home_page)
    blog = make_blog_index(home_page)
    pages = {
        "home": home_page,
        "standard": get_or_create_child(home_page, StandardPage, "about", title="About us"),
        "service index": services,
        "service": make_service(services, "Peer-run groups"),
        "blog index": blog,
        "article": make_article(blog, "Finding your people"),
        "contact": make_contact_page(home_page),
    }
    return {kind: page.get_url() for kind, page in pages.items()}


@pytest.fixture
def cached_pages(settings, page_of_each_type, client):
    """Every page type, visited once with the page cache on, so that each is stored."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    for url in page_of_each_type.values():
        client.get(url)
    yield page_of_each_type
    page_cache().clear()


@pytest.fixture
def saved(django_capture_on_commit_callbacks):
    """Save as staff do: the cache notices once the transaction commits."""

    def save(instance):
        with django_capture_on_commit_callbacks(execute=True):
            instance.save()

    return save


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


def contact_buttons(client, urls):
    """Where the home page's two buttons and a service's button lead."""
    home = soup(client.get(urls["home"]))
    service = soup(client.get(urls["service"])).select_one(".cta-band a.button")
    return [
        *(button["href"] for button in home.select(".hero a.button, .cta-band a.button")),
        service and service["href"],
    ]


def test_buttons_lead_to_the_contact_page_staff_choose_with_the_cache_on(
    client, cached_pages, home_page, site_settings, saved
):
    assert contact_buttons(client, cached_pages) == [
        "/contact/",
        "/contact/",
        "/contact/?service=peer-run-groups",
    ]
    other = get_or_create_child(home_page, ContactFormPage, "write-to-us", title="Write to us")
    site_settings.contact_page = other
    saved(site_settings)
    assert contact_buttons(client, cached_pages) == [
        "/write-to-us/",
        "/write-to-us/",
        "/write-to-us/?service=peer-run-groups",
    ]


def test_staff_choose_the_key_pages_in_the_admin(admin_client, home_page, site_settings):
    contact = make_contact_page(home_page, chosen=False)
    privacy = get_or_create_child(home_page, StandardPage, "our-policy", title="Privacy")
    url = reverse("wagtailsettings:edit", args=["base", "sitesettings", site_settings.site_id])
    form = admin_client.get(url).content.decode()
    assert "Key pages" in form
    assert '"modelNames": ["forms.contactformpage"]' in form  # its chooser offers only those

    fields = {
        name: getattr(site_settings, name)
        for name in ["organisation_name", "contact_email", "phone", "address", "opening_hours"]
    }
    response = admin_client.post(
        url,
        nested_form_data(
            {
                **fields,
                "footer_text": "",
                "crisis_notice_enabled": "on",
                "crisis_notice": rich_text(site_settings.crisis_notice),
                "social_links": inline_formset([]),
                "contact_page": contact.pk,
                "privacy_page": privacy.pk,
            }
        ),
    )
    assert response.status_code == 302
    site_settings.refresh_from_db()
    assert (site_settings.contact_page_id, site_settings.privacy_page_id) == (
        contact.pk,
        privacy.pk,
    )


def test_no_button_leads_nowhere_while_no_contact_page_is_chosen(
    client, home_page, site_settings, saved
):
    services = make_service_index(home_page)
    urls = {"home": "/", "service": make_service(services, "Peer-run groups").url}
    contact = make_contact_page(home_page, chosen=False)  # live, but not chosen
    assert contact_buttons(client, urls) == [None]

    site_settings.contact_page = contact
    saved(site_settings)
    assert len(contact_buttons(client, urls)) == 3
    contact.delete()  # the choice goes with the page
    site_settings.refresh_from_db()
    assert site_settings.contact_page is None
    assert contact_buttons(client, urls) == [None]


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
