"""The main and footer menus staff edit under Settings > Navigation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from base.demo import get_or_create_child
from base.models import FooterMenuItem, MainMenuItem, NavigationSettings
from home.models import StandardPage
from tests.factories import make_blog_index, make_service, make_service_index
from tests.home.helpers import count_queries, soup


@pytest.fixture
def site_pages(home_page):
    services = make_service_index(home_page)
    return {
        "services": services,
        "service": make_service(services, "Skill workshops"),
        "blog": make_blog_index(home_page),
        "about": get_or_create_child(home_page, StandardPage, "about", title="About us"),
        "privacy": get_or_create_child(
            home_page, StandardPage, "privacy-policy", title="Privacy policy"
        ),
    }


@pytest.fixture
def navigation(home_page, site_pages):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_menu_items = [
        MainMenuItem(link_page=site_pages["services"], sort_order=0),
        MainMenuItem(link_page=site_pages["blog"], link_text="Stories", sort_order=1),
        MainMenuItem(link_page=site_pages["about"], sort_order=2),
    ]
    navigation.footer_menu_items = [
        FooterMenuItem(link_page=site_pages["privacy"], sort_order=0),
        FooterMenuItem(
            link_url="https://directory.example/peer-support", link_text="Directory", sort_order=1
        ),
    ]
    navigation.save()
    return navigation


# Site search is no page staff could choose: the main menu always ends with it.
SEARCH = ("Search", "/search/", None)


def menu(response, selector):
    return [
        (link.text, link["href"], link.get("aria-current"))
        for link in soup(response).select(f"{selector} a")
    ]


def test_main_menu_lists_links_in_order_inside_the_main_navigation(client, navigation):
    assert menu(client.get("/"), 'nav[aria-label="Main"]') == [
        ("Services", "/services/", None),
        ("Stories", "/blog/", None),
        ("About us", "/about/", None),
        SEARCH,
    ]


def test_main_menu_marks_the_page_being_read(client, navigation):
    assert menu(client.get("/about/"), 'nav[aria-label="Main"]') == [
        ("Services", "/services/", None),
        ("Stories", "/blog/", None),
        ("About us", "/about/", "page"),
        SEARCH,
    ]


def test_main_menu_marks_the_section_of_the_page_being_read(client, navigation):
    links = menu(client.get("/services/skill-workshops/"), 'nav[aria-label="Main"]')
    assert links[0] == ("Services", "/services/", "true")
    assert [current for _, _, current in links[1:]] == [None, None, None]


def test_the_search_page_is_marked_in_the_main_menu(client, navigation):
    links = menu(client.get("/search/", {"query": "groups"}), 'nav[aria-label="Main"]')
    assert links[-1] == ("Search", "/search/", "page")
    assert [current for _, _, current in links[:-1]] == [None, None, None]


def test_each_page_is_marked_in_menus_kept_for_every_page(client, navigation):
    # The menus are kept page by page: each page gets its own marks.
    marks = {}
    for url in ["/about/", "/services/skill-workshops/", "/", "/about/", "/privacy-policy/"]:
        response = client.get(url)
        marks[url] = [
            current
            for selector in ('nav[aria-label="Main"]', 'nav[aria-label="Footer"]')
            for _, _, current in menu(response, selector)
        ]
    assert marks == {
        "/about/": [None, None, "page", None, None, None],
        "/services/skill-workshops/": ["true", None, None, None, None, None],
        "/": [None, None, None, None, None, None],
        "/privacy-policy/": [None, None, None, None, "page", None],
    }


def test_footer_menu_lists_pages_and_addresses_in_order(client, navigation):
    assert menu(client.get("/privacy-policy/"), 'nav[aria-label="Footer"]') == [
        ("Privacy policy", "/privacy-policy/", "page"),
        ("Directory", "https://directory.example/peer-support", None),
    ]


def test_reordering_the_menu_reorders_the_links(client, navigation):
    about = navigation.main_menu_items.get(link_page__slug="about")
    about.sort_order = -1
    about.save()
    texts = [text for text, _, _ in menu(client.get("/"), 'nav[aria-label="Main"]')]
    assert texts == ["About us", "Services", "Stories", "Search"]


def test_unpublished_pages_drop_out_of_the_menu(client, navigation, site_pages):
    site_pages["about"].unpublish()
    texts = [text for text, _, _ in menu(client.get("/"), 'nav[aria-label="Main"]')]
    assert texts == ["Services", "Stories", "Search"]


def test_menus_cost_the_same_queries_however_many_links(client, navigation, site_pages):
    few = count_queries(client, "/services/skill-workshops/")
    navigation.main_menu_items.add(
        *[MainMenuItem(link_page=site_pages["service"], sort_order=10 + n) for n in range(10)]
    )
    navigation.save()
    assert count_queries(client, "/services/skill-workshops/") == few


@pytest.mark.parametrize(
    "fields",
    [{}, {"link_url": "https://example.org/", "link_text": "Both"}],
    ids=["neither page nor address", "both page and address"],
)
def test_a_link_needs_exactly_one_target(site_pages, fields):
    if "link_text" in fields:
        fields["link_page"] = site_pages["about"]
    with pytest.raises(ValidationError):
        MainMenuItem(**fields).clean()


def test_an_address_link_needs_words(site_pages):
    with pytest.raises(ValidationError) as error:
        MainMenuItem(link_url="https://example.org/").clean()
    assert "link_text" in error.value.message_dict


def save_main_menu_in_the_admin(admin_client, items):
    """Post the Settings > Navigation form with these main menu links."""
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["base", "navigationsettings", site.pk])
    return admin_client.post(
        url,
        nested_form_data(
            {
                "main_menu_items": inline_formset(items),
                "footer_menu_items": inline_formset([]),
            }
        ),
    )


def test_staff_edit_the_menus_in_the_admin(admin_client, home_page, site_pages):
    response = save_main_menu_in_the_admin(
        admin_client,
        [
            {"link_page": site_pages["blog"].pk, "link_url": "", "link_text": ""},
            {"link_page": "", "link_url": "https://example.org/", "link_text": "Ex"},
        ],
    )
    assert response.status_code == 302
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    assert [str(item) for item in navigation.main_menu_items.all()] == ["Blog", "Ex"]


def test_the_admin_refuses_a_link_without_a_target_and_keeps_the_rest(
    admin_client, home_page, navigation
):
    response = save_main_menu_in_the_admin(
        admin_client, [{"link_page": "", "link_url": "", "link_text": "Nowhere"}]
    )
    assert response.status_code == 200
    assert "Choose a page or enter an address" in response.content.decode()
    assert navigation.main_menu_items.count() == 3


def test_without_a_shared_cache_a_menu_edited_elsewhere_shows_at_once(client, navigation, settings):
    """Without Redis each process keeps its own memory, which never hears of an edit
    another process makes (here: one written to the database without this process's
    signals), so menus are not kept at all."""
    settings.FRAGMENT_CACHE_ENABLED = False
    client.get("/")
    MainMenuItem.objects.filter(link_page__slug="about").update(link_text="Who we are")
    texts = [text for text, _, _ in menu(client.get("/"), 'nav[aria-label="Main"]')]
    assert "Who we are" in texts
