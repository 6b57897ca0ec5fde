"""A reader in trouble searches the site: what staff promoted for their words comes first."""

import forms.demo
import home.demo


def test_reader_searching_for_crisis_finds_the_crisis_page_first(browser_page, home_page):
    page = browser_page
    home.demo.load(home_page)
    forms.demo.load(home_page)
    home.demo.load_search_promotions(home_page)

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_role("searchbox", name="Search articles and services").fill("Crisis")
    page.keyboard.press("Enter")
    page.wait_for_selector("#promoted-heading")
    results = page.locator("main h3 a")
    assert results.nth(0).inner_text() == "Help in a crisis"
    assert results.nth(1).inner_text() == "Contact us"
    results.nth(0).click()
    page.wait_for_selector("h1:has-text('Help in a crisis')")
    assert "Call or text 988" in page.locator("main").inner_text()
