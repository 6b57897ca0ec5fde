"""The home page: welcome, featured services, newest articles, quote and closing invitation."""

import datetime

from wagtail.models import Site

from base.models import SiteSettings, SocialLink
from home.models import HomePageFeaturedService
from tests.factories import (
    make_article,
    make_blog_index,
    make_contact_page,
    make_image,
    make_service,
    make_service_index,
)
from tests.home.helpers import count_queries, json_ld, soup


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def feature(home_page, services):
    home_page.featured_services = [
        HomePageFeaturedService(service=service, sort_order=position)
        for position, service in enumerate(services)
    ]
    home_page.save_revision().publish()


def test_welcome_section_invites_readers_to_the_contact_page(client, home_page):
    make_contact_page(home_page)
    publish(
        home_page,
        hero_heading="You don't have to do this alone",
        hero_text="Free peer support.",
        hero_button_text="Talk to someone",
    )
    hero = soup(client.get("/")).select_one(".hero")
    assert hero.h1.text == "You don't have to do this alone"
    assert "Free peer support." in hero.text
    button = hero.select_one("a.button")
    assert (button.text, button["href"]) == ("Talk to someone", "/contact/")


def test_welcome_heading_falls_back_to_the_title_and_the_button_waits_for_a_contact_page(
    client, home_page
):
    publish(home_page, hero_heading="")
    hero = soup(client.get("/")).select_one(".hero")
    assert hero.h1.text == home_page.title
    assert hero.select_one("a.button") is None


def test_the_contact_page_and_services_section_show_as_they_come_and_go(client, home_page):
    def links():
        page = soup(client.get("/"))
        button = page.select_one(".hero a.button")
        services = page.find("a", string="See all our services")
        return button and button["href"], services and services["href"]

    assert links() == (None, None)
    contact = make_contact_page(home_page)
    services = make_service_index(home_page)
    feature(home_page, [make_service(services, "Peer-run groups")])
    assert links() == ("/contact/", "/services/")
    services.unpublish()
    contact.unpublish()
    assert links() == (None, None)


def test_featured_services_show_in_the_order_staff_chose_and_only_when_live(client, home_page):
    services = make_service_index(home_page)
    first, second, third = (make_service(services, title) for title in ("A", "B", "C"))
    feature(home_page, [third, first, second])
    second.unpublish()
    section = soup(client.get("/")).select_one('section[aria-labelledby="services-heading"]')
    assert [card.text for card in section.select(".card__title a")] == ["C", "A"]
    assert section.find("a", string="See all our services")["href"] == "/services/"


def test_the_three_newest_articles_appear_by_themselves(client, home_page):
    blog = make_blog_index(home_page)
    for day, title in enumerate(["Oldest", "Older", "Newer", "Newest"], start=1):
        make_article(blog, title, date=datetime.date(2025, 3, day), with_revision=False)
    make_article(blog, "Draft", date=datetime.date(2025, 4, 1), live=False)
    section = soup(client.get("/")).select_one('section[aria-labelledby="articles-heading"]')
    assert [a.text for a in section.select(".card__title a")] == ["Newest", "Newer", "Older"]


def test_the_quote_shows_only_when_written(client, home_page):
    publish(home_page, quote_text="")
    assert soup(client.get("/")).select_one("figure.quote") is None
    publish(home_page, quote_text="Nobody should walk it alone.", quote_attribution="A mentor")
    quote = soup(client.get("/")).select_one("figure.quote")
    assert quote.blockquote.text.strip() == "Nobody should walk it alone."
    assert quote.figcaption.text == "A mentor"


def test_closing_invitation_links_the_phone_number_and_email_from_site_settings(client, home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.phone = "+1 (555) 019-7000"
    site_settings.contact_email = "talk@newunity.example"
    site_settings.save()
    cta = soup(client.get("/")).select_one(".cta-band")
    assert cta.select_one('a[href="tel:+15550197000"]').text == "+1 (555) 019-7000"
    assert cta.select_one('a[href="mailto:talk@newunity.example"]').text == (
        "talk@newunity.example"
    )


def test_structured_data_describes_the_organisation_and_the_site_search(client, home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    SocialLink.objects.create(
        settings=site_settings, label="Mastodon", url="https://social.example/@nu"
    )
    (data,) = json_ld(client.get("/"))
    assert data["@context"] == "https://schema.org"
    organisation, website = data["@graph"]
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == site_settings.organisation_name
    assert organisation["url"] == website["url"] == home_page.full_url
    assert organisation["email"] == site_settings.contact_email
    assert organisation["telephone"] == site_settings.phone
    assert organisation["sameAs"] == ["https://social.example/@nu"]
    assert website["@type"] == "WebSite"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"


def test_the_search_action_in_structured_data_finds_pages(client, home_page):
    make_service(make_service_index(home_page), "Skill workshops")
    (data,) = json_ld(client.get("/"))
    url_template = data["@graph"][1]["potentialAction"]["target"]["urlTemplate"]
    assert url_template.startswith(Site.objects.get(is_default_site=True).root_url + "/")
    results = soup(client.get(url_template.replace("{search_term_string}", "workshops")))
    assert [link.text for link in results.select("main li h3 a")] == ["Skill workshops"]


def add_services_and_articles(home_page, count):
    """`count` more live services, all featured, and articles, each with its own image."""
    blog = make_blog_index(home_page)
    services = make_service_index(home_page)
    for _ in range(count):
        make_article(blog, image=make_image(size=(32, 18)), with_revision=False)
    featured = [item.service for item in home_page.featured_services.all()]
    feature(
        home_page,
        featured + [make_service(services, image=make_image(size=(32, 18))) for _ in range(count)],
    )


def test_query_count_is_the_same_with_3_and_with_50_services_and_articles(client, home_page):
    make_contact_page(home_page)
    add_services_and_articles(home_page, 3)
    with_3 = count_queries(client, "/")
    add_services_and_articles(home_page, 47)
    with_50 = count_queries(client, "/")
    print(f"\nhome page queries: {with_3} with 3 services and articles, {with_50} with 50")
    assert with_50 == with_3
