from django.contrib.auth import get_user_model


def test_reader_opens_home_page_and_staff_logs_into_admin(browser_page, home_page):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")

    response = browser_page.goto("/")
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == (home_page.hero_heading or home_page.title)

    browser_page.goto("/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", "a-long-password")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")
    assert "Dashboard" in browser_page.title()
