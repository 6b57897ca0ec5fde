"""The services index and service pages: cards, practical details, the way to the
contact form, related articles and structured data."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from services.models import ServiceFormat, ServicePage
from tests.factories import (
    make_article,
    make_blog_index,
    make_category,
    make_contact_page,
    make_image,
    make_service,
    make_service_index,
)
from tests.home.helpers import count_queries, json_ld, soup


@pytest.fixture
def services(home_page):
    return make_service_index(home_page)


@pytest.fixture
def blog(home_page):
    return make_blog_index(home_page)


def card_titles(response):
    return [link.text for link in soup(response).select(".card__title a")]


def test_index_lists_live_services_as_cards_in_site_order(client, services):
    make_service(services, "Peer-run groups", summary="Meet others in recovery.")
    draft = make_service(services, "Not ready yet")
    make_service(services, "Skill workshops", format=ServiceFormat.IN_PERSON, cost="Free")
    draft.unpublish()
    response = client.get("/services/")
    assert card_titles(response) == ["Peer-run groups", "Skill workshops"]
    first, second = soup(response).select(".card-grid > li > .card")
    assert first.select_one(".card__summary").text == "Meet others in recovery."
    assert first.select_one(".card__title a")["href"] == "/services/peer-run-groups/"
    assert "In person" in second.select_one(".card__meta").text


def show_card(service):
    return render_to_string("services/includes/service_card.html", {"service": service})


def test_showing_a_card_reads_nothing_it_did_not_load(services, django_assert_num_queries):
    make_service(services, image=make_image(), format=ServiceFormat.ONLINE, cost="Free")
    show_card(ServicePage.objects.for_cards().get())  # makes the image's renditions
    card = ServicePage.objects.for_cards().get()
    # Showing a card reads nothing it left out: each left-out column read costs a query.
    with django_assert_num_queries(0):
        card_meta = BeautifulSoup(show_card(card), "html.parser").select_one(".card__meta").text
    assert card_meta == "Online · Free"


def test_index_without_services_says_so_kindly(client, services):
    assert (
        "no services listed yet" in soup(client.get("/services/")).select_one(".empty-state").text
    )


def test_service_page_lists_its_practical_details(client, services):
    make_service(
        services,
        "Peer-run groups",
        format=ServiceFormat.BOTH,
        schedule="Tuesdays, 6pm to 7:30pm",
        location="Community room, 214 Harbor Street",
        cost="Free",
        who_it_is_for="<ul><li>Anyone in recovery.</li></ul>",
        what_to_expect="<p>Tea, a circle of chairs and no pressure to speak.</p>",
    )
    page = soup(client.get("/services/peer-run-groups/"))
    facts = {term.text: term.find_next_sibling("dd").text for term in page.select("dl.facts dt")}
    assert facts == {
        "Format": "In person or online",
        "When": "Tuesdays, 6pm to 7:30pm",
        "Where": "Community room, 214 Harbor Street",
        "Cost": "Free",
    }
    assert "Anyone in recovery." in page.select_one("#who-heading").parent.text
    assert "circle of chairs" in page.select_one("#expect-heading").parent.text


def test_empty_details_are_left_out(client, services):
    make_service(services, "Mentoring", schedule="", location="", cost="")
    terms = [term.text for term in soup(client.get("/services/mentoring/")).select(".facts dt")]
    assert terms == ["Format"]


def test_call_to_action_opens_the_contact_form_with_this_service_chosen(
    client, home_page, services
):
    make_contact_page(home_page)
    make_service(services, "One-to-one mentoring")
    button = soup(client.get("/services/one-to-one-mentoring/")).select_one(".cta-band a.button")
    assert button["href"] == "/contact/?service=one-to-one-mentoring"

    form = soup(client.get(button["href"]))
    chosen = form.select_one("select option[selected]")
    assert chosen is not None and chosen.text == "One-to-one mentoring"


def test_no_call_to_action_until_there_is_a_contact_page(client, services):
    make_service(services, "Mentoring")
    assert soup(client.get("/services/mentoring/")).select_one(".cta-band") is None


def test_structured_data_describes_the_service_and_its_provider(client, services):
    service = make_service(services, "Skill workshops", summary="Practical skills.", cost="Free")
    data, breadcrumbs = json_ld(client.get("/services/skill-workshops/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == "Skill workshops"
    assert data["description"] == "Practical skills."
    assert data["url"] == service.full_url
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == "New Unity Inc."
    assert data["offers"] == {
        "@type": "Offer",
        "description": "Free",
        "price": "0",
        "priceCurrency": "USD",
    }
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [crumb["name"] for crumb in breadcrumbs["itemListElement"]] == [
        "New Unity",
        "Services",
        "Skill workshops",
    ]


def related_titles(client, url):
    section = soup(client.get(url)).select_one("section.related")
    return [] if section is None else [a.text for a in section.select(".card__title a")]


def test_related_articles_are_the_ones_staff_chose_in_their_order(client, services, blog):
    first, second, unpublished = (make_article(blog, title) for title in ("One", "Two", "Gone"))
    unpublished.unpublish()
    make_service(services, "Mentoring", related=[second, unpublished, first])
    assert related_titles(client, "/services/mentoring/") == ["Two", "One"]


def test_related_articles_fall_back_to_the_newest_sharing_a_category_or_tag(client, services, blog):
    recovery = make_category("Recovery")
    for day, title in enumerate(["Old", "Middle", "New", "Newest"], start=1):
        make_article(blog, title, date=datetime.date(2025, 5, day), categories=[recovery])
    make_article(blog, "Tagged", date=datetime.date(2025, 4, 1), tags=["groups"])
    make_article(blog, "Unrelated", date=datetime.date(2025, 6, 1))
    make_service(services, "By category", categories=[recovery])
    make_service(services, "By tag", tags=["groups"])
    make_service(services, "Nothing shared")
    assert related_titles(client, "/services/by-category/") == ["Newest", "New", "Middle"]
    assert related_titles(client, "/services/by-tag/") == ["Tagged"]
    assert related_titles(client, "/services/nothing-shared/") == []


def test_index_query_count_is_the_same_with_3_and_with_50_services(client, services):
    def add_services(count):
        for _ in range(count):
            make_service(services, image=make_image(size=(32, 18)))

    add_services(3)
    with_3 = count_queries(client, "/services/")
    add_services(47)
    with_50 = count_queries(client, "/services/")
    print(f"\nservices index queries: {with_3} with 3 services, {with_50} with 50")
    assert with_50 == with_3


def test_service_page_query_count_does_not_grow_with_related_articles(client, services, blog):
    recovery = make_category("Recovery")
    service = make_service(services, "Mentoring", categories=[recovery])

    def add_articles(count):
        for _ in range(count):
            make_article(
                blog, categories=[recovery], image=make_image(size=(32, 18)), with_revision=False
            )

    add_articles(3)
    with_3 = count_queries(client, service.url)
    add_articles(47)
    with_50 = count_queries(client, service.url)
    print(f"\nservice page queries: {with_3} with 3 related articles, {with_50} with 50")
    assert with_50 == with_3
