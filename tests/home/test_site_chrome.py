"""What every page shows around its content (menus, contact details, crisis notice) is
read from the cache until staff change something a reader could see: pages spend no
query on it, and a change still shows at once, with the page cache on or off."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from wagtail.models import Page, Site

from base.demo import get_or_create_child
from base.models import MainMenuItem, NavigationSettings, SiteSettings, SocialLink
from base.page_cache import (
    GENERATION_KEY,
    HELD_VALUES_MAX,
    cached_for_generation,
    held_values,
    one_generation_per_request,
    page_cache,
    start_new_generation,
)
from home.models import StandardPage
from services.models import ServicePage
from tests.blog.factories import make_article, make_blog_index
from tests.home.helpers import soup, sql_of
from tests.services.factories import make_service, make_service_index

CHROME_TABLES = (
    "home_sitesettings",
    "home_sociallink",
    "home_navigationsettings",
    "home_mainmenuitem",
    "home_footermenuitem",
)


@pytest.fixture(params=[False, True], ids=["page cache off", "page cache on"])
def page_cache_enabled(request, settings):
    settings.PAGE_CACHE_ENABLED = request.param
    page_cache().clear()
    yield request.param
    page_cache().clear()


@pytest.fixture
def about(home_page):
    return get_or_create_child(home_page, StandardPage, "about", title="About us")


@pytest.fixture
def reader_pages(home_page, about):
    services = make_service_index(home_page)
    return {
        "home": "/",
        "standard": about.url,
        "service": make_service(services, "Skill workshops").url,
        "article": make_article(make_blog_index(home_page), "Finding your people").url,
    }


@pytest.fixture
def navigation(home_page, about):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_menu_items = [MainMenuItem(link_page=about, sort_order=0)]
    navigation.save()
    return navigation


@pytest.fixture
def site_settings(home_page):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Save as staff do: the change is committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def chrome_queries(client, url):
    return [sql for sql in sql_of(client, url) if any(table in sql for table in CHROME_TABLES)]


@pytest.mark.parametrize("kind", ["home", "standard", "service", "article"])
def test_menus_and_settings_cost_no_query_once_cached(
    settings, client, reader_pages, navigation, kind
):
    settings.PAGE_CACHE_ENABLED = False
    page_cache().clear()
    assert chrome_queries(client, reader_pages[kind]), "the first reader reads them"
    assert chrome_queries(client, reader_pages[kind]) == []
    assert chrome_queries(client, reader_pages["home"]) == [], "every page shares them"


def test_without_a_cache_shared_by_every_process_they_are_read_each_time(
    settings, client, reader_pages, navigation
):
    settings.PAGE_CACHE_ENABLED = settings.SITE_CHROME_CACHE_ENABLED = False
    chrome_queries(client, reader_pages["home"])
    assert len(chrome_queries(client, reader_pages["home"])) == len(CHROME_TABLES)


CHROME_TEMPLATES = {
    "includes/crisis_notice.html",
    "includes/menu_list.html",
    "includes/site_footer.html",
}


def chrome_rendered(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {template.name for template in response.templates} & CHROME_TEMPLATES


def test_the_notice_menus_and_footer_are_rendered_once_for_every_page(
    settings, client, reader_pages, navigation
):
    settings.PAGE_CACHE_ENABLED = False
    assert chrome_rendered(client, reader_pages["home"]) == CHROME_TEMPLATES
    # Pages marking no link of either menu share them all; a page whose own link is in
    # the main menu has that menu rendered for it once.
    assert chrome_rendered(client, reader_pages["service"]) == set()
    assert chrome_rendered(client, reader_pages["article"]) == set()
    assert chrome_rendered(client, reader_pages["standard"]) == {"includes/menu_list.html"}
    assert chrome_rendered(client, reader_pages["standard"]) == set()
    start_new_generation()
    assert chrome_rendered(client, reader_pages["service"]) == CHROME_TEMPLATES


def test_without_the_shared_cache_they_are_rendered_for_each_page(
    settings, client, reader_pages, navigation
):
    settings.PAGE_CACHE_ENABLED = settings.SITE_CHROME_CACHE_ENABLED = False
    chrome_rendered(client, reader_pages["home"])
    assert chrome_rendered(client, reader_pages["home"]) == CHROME_TEMPLATES


def main_menu(response):
    return [link.text for link in soup(response).select('nav[aria-label="Main"] a')]


def visit_every_page(client, reader_pages):
    return {kind: client.get(url) for kind, url in reader_pages.items()}


def test_a_menu_link_added_shows_at_once(
    client, page_cache_enabled, reader_pages, navigation, home_page, committed
):
    visit_every_page(client, reader_pages)
    with committed():
        MainMenuItem(
            settings=navigation, link_page=home_page, link_text="Start", sort_order=1
        ).save()
    for kind, response in visit_every_page(client, reader_pages).items():
        assert main_menu(response) == ["About us", "Start", "Search"], kind


def test_a_linked_page_renamed_shows_in_the_menu_at_once(
    client, page_cache_enabled, reader_pages, navigation, about, committed
):
    visit_every_page(client, reader_pages)
    about.title = "Who we are"
    with committed():
        about.save_revision().publish()
    for kind, response in visit_every_page(client, reader_pages).items():
        assert main_menu(response) == ["Who we are", "Search"], kind


def test_settings_and_their_social_links_changed_show_at_once(
    client, page_cache_enabled, reader_pages, site_settings, committed
):
    visit_every_page(client, reader_pages)
    site_settings.organisation_name = "Harbor Peer Network"
    site_settings.crisis_notice_enabled = False
    with committed():
        site_settings.save()
        SocialLink(settings=site_settings, label="Mastodon", url="https://social.example/").save()
    for kind, response in visit_every_page(client, reader_pages).items():
        page = soup(response)
        assert page.select_one(".site-name").text.strip() == "Harbor Peer Network", kind
        assert page.select_one(".crisis-notice") is None, kind
        assert [a.text for a in page.select(".social-links a")] == ["Mastodon"], kind


def test_a_change_made_through_another_server_shows_at_once(
    client, page_cache_enabled, reader_pages, site_settings
):
    visit_every_page(client, reader_pages)  # this process now holds the settings
    # Another server saves them, then starts a new generation in the cache all share.
    SiteSettings.objects.filter(pk=site_settings.pk).update(organisation_name="Harbor Peer Network")
    page_cache().set(GENERATION_KEY, "started-by-another-server", timeout=None)
    for kind, response in visit_every_page(client, reader_pages).items():
        assert soup(response).select_one(".site-name").text.strip() == "Harbor Peer Network", kind


def test_a_change_made_during_a_request_shows_for_the_rest_of_it(db):
    with one_generation_per_request():
        assert cached_for_generation("greeting", lambda: "Hello") == "Hello"
        assert cached_for_generation("greeting", lambda: "changed") == "Hello"
        start_new_generation()  # as saving anything a reader could see does
        assert cached_for_generation("greeting", lambda: "Welcome") == "Welcome"
    with one_generation_per_request():
        assert cached_for_generation("greeting", lambda: "changed") == "Welcome"


def test_a_process_holds_a_bounded_number_of_values(client, home_page, settings):
    # Each host a request names is looked up, and its site (or none) kept.
    settings.ALLOWED_HOSTS = [".example.org"]
    for number in range(HELD_VALUES_MAX + 50):
        assert client.get("/", HTTP_HOST=f"made-up-{number}.example.org").status_code == 200
    assert len(held_values) <= HELD_VALUES_MAX


def test_values_held_are_each_readers_own(db):
    first = cached_for_generation("menu", lambda: [{"text": "About us"}])
    first[0]["text"] = "changed while rendering"
    assert cached_for_generation("menu", lambda: []) == [{"text": "About us"}]


@pytest.mark.parametrize(
    "change",
    [
        lambda navigation, site_settings: site_settings.save(),
        lambda navigation, site_settings: navigation.main_menu_items.get().save(),
        lambda navigation, site_settings: navigation.main_menu_items.get().delete(),
        lambda navigation, site_settings: SocialLink.objects.create(
            settings=site_settings, label="Mastodon", url="https://social.example/"
        ),
    ],
    ids=["site settings", "menu link", "menu link deleted", "social link"],
)
def test_settings_and_their_rows_start_a_new_generation(
    page_cache_enabled, navigation, site_settings, committed, change
):
    with committed():
        before = page_cache().get(GENERATION_KEY)
        change(navigation, site_settings)
    assert page_cache().get(GENERATION_KEY) != before


def test_settings_made_with_their_defaults_on_first_read_keep_the_cache(client, home_page):
    SiteSettings.objects.all().delete()
    NavigationSettings.objects.all().delete()
    page_cache().set(GENERATION_KEY, "before-first-read", timeout=None)
    assert client.get("/").status_code == 200
    assert SiteSettings.objects.exists() and NavigationSettings.objects.exists()
    assert page_cache().get(GENERATION_KEY) == "before-first-read"


def test_breadcrumbs_follow_the_pages_routing_fetched(rf, home_page, django_assert_num_queries):
    service = make_service(make_service_index(home_page), "Skill workshops")
    breadcrumbs = Template('{% include "includes/breadcrumbs.html" %}')
    request = rf.get(service.url)

    def trail(page):
        html = breadcrumbs.render(Context({"page": page, "request": request}))
        return [link.text for link in BeautifulSoup(html, "html.parser").select("a")]

    # Reached otherwise (a preview, a script), the page reads its ancestors itself.
    assert trail(ServicePage.objects.get(pk=service.pk)) == ["New Unity", "Services"]
    routed, _, _ = Page.route_for_request(request, service.url)
    with django_assert_num_queries(0):
        assert trail(routed) == ["New Unity", "Services"]
