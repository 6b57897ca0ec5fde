"""What every page shows around its content (menus, contact details, crisis notice):
the menus and the footer are kept as fragments until staff change something a reader
could see, and a change shows at once, with the page cache on or off."""

import pytest
from wagtail.models import Site

from base.demo import get_or_create_child
from base.models import MainMenuItem, NavigationSettings, SiteSettings, SocialLink
from base.page_cache import GENERATION_KEY, page_cache
from home.models import StandardPage
from tests.blog.factories import make_article, make_blog_index
from tests.home.helpers import soup, sql_of
from tests.services.factories import make_service, make_service_index

CHROME_TABLES = (
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
def test_menus_and_footer_cost_no_query_once_kept(settings, client, reader_pages, navigation, kind):
    settings.PAGE_CACHE_ENABLED = False
    page_cache().clear()
    assert chrome_queries(client, reader_pages[kind]), "the first reader reads them"
    assert chrome_queries(client, reader_pages[kind]) == []


def test_menus_and_footer_are_read_afresh_while_the_cache_server_is_down(
    settings, cache_server_down, client, reader_pages, navigation
):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        assert chrome_queries(client, reader_pages["home"])
        assert main_menu(client.get(reader_pages["home"])) == ["About us", "Search"]


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
