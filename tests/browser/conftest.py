"""Browser tests: Debian's Chromium driven by Playwright against Django's live
server. They run in their own pytest pass (see the Makefile): once Playwright
has started, Django cannot restore data between tests, so every test builds
the content it needs in fixtures."""

import os
import shutil
import time

import pytest

from tests.conftest import require
from tests.factories import STAFF_PASSWORD, give_authenticator, totp_code

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


def sign_in(page, user, password=STAFF_PASSWORD):
    """Sign `user` in to the admin through the real forms, as staff do: the username and
    password, then the code from their authenticator app (added with
    tests.factories.give_authenticator if they have none). Ends on the admin's dashboard
    (or the page the sign-in form was asked for)."""
    device = give_authenticator(user)
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/auth**")
    device.refresh_from_db()
    # A code is good once: if this device's current one was used already, type the next.
    steps_ahead = 1 if device.last_t >= int(time.time()) // device.step else 0
    page.fill("input[name=otp_token]", totp_code(device, steps_ahead=steps_ahead))
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url(lambda url: "/2fa/" not in url and "/login/" not in url)


def sign_out(page):
    page.context.clear_cookies()
