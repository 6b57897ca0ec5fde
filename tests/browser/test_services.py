"""A keyboard-only reader finds a service and asks about it."""

from wagtail.models import Site

from base.models import MainMenuItem, NavigationSettings
from tests.browser.keyboard import tab_to
from tests.factories import make_blog_index, make_contact_page, make_service, make_service_index


def test_keyboard_reader_goes_from_the_skip_link_to_a_service_and_its_contact_form(
    browser_page, home_page
):
    services = make_service_index(home_page)
    make_service(services, "Peer-run groups")
    make_service(services, "Skill workshops")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_menu_items = [
        MainMenuItem(link_page=services, sort_order=0),
        MainMenuItem(link_page=make_blog_index(home_page), sort_order=1),
        MainMenuItem(link_page=make_contact_page(home_page), sort_order=2),
    ]
    navigation.save()

    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    skip_link = browser_page.locator("a.skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()

    tab_to(browser_page, text="Services")
    assert browser_page.evaluate("document.activeElement.closest('nav').ariaLabel") == "Main"
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/services/")

    tab_to(browser_page, text="Skill workshops")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/services/skill-workshops/")
    assert browser_page.locator('nav[aria-label="Main"] a[aria-current="true"]').inner_text() == (
        "Services"
    )

    tab_to(browser_page, text="Contact us about this service")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/contact/?service=skill-workshops")
    assert browser_page.locator("h1").inner_text() == "Contact us"
    assert browser_page.get_by_label("Service of interest").input_value() == "Skill workshops"
