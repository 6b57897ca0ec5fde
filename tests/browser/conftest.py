"""Browser tests: Debian's Chromium driven by Playwright against Django's live
server. They run in their own pytest pass (see the Makefile): once Playwright
has started, Django cannot restore data between tests, so every test builds
the content it needs in fixtures."""

import os
import shutil

import pytest

from tests.conftest import require

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by fixtures there are safe because nothing else runs concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    require(
        shutil.which(CHROMIUM_PATH) is not None,
        f"Chromium not found at {CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser, live_server):
    """A fresh browser tab whose relative URLs resolve against the live server."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


STAFF_PASSWORD = "staff-journey-password"


@pytest.fixture
def staff(db, home_page):
    """Makes a member of one of the staff roles (base/roles.py), as the data migration
    made them: the browser tests' database is emptied between tests."""
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    from base.roles import set_up_roles

    set_up_roles(apps)

    def make(role, username, first_name="Sam", last_name="Lee"):
        user = User.objects.create_user(
            username,
            f"{username}@example.org",
            STAFF_PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def sign_in(page, user):
    """Signs `user` in through the admin's login form, as staff do."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def sign_out(page):
    page.context.clear_cookies()
