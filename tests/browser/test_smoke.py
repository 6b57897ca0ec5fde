from django.contrib.auth import get_user_model

from tests.browser.conftest import sign_in
from tests.factories import STAFF_PASSWORD


def test_reader_opens_home_page_and_staff_logs_into_admin(browser_page, home_page):
    editor = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )

    response = browser_page.goto("/")
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == (home_page.hero_heading or home_page.title)

    sign_in(browser_page, editor)
    assert "Dashboard" in browser_page.title()
