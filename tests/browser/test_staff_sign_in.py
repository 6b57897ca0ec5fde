"""Staff sign-in in Chromium against the real server: an intake worker sets up
two-factor sign-in and uses it; wrong passwords lock an account until it is unlocked."""

import time
from base64 import b32decode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP

from forms.models import ContactSubmission
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations, describe
from tests.factories import STAFF_PASSWORD, make_contact_page
from tests.forms.conftest import ensure_intake_group


def code_for(secret, steps_ahead=0):
    """What an authenticator app shows for the key typed in from the setup page."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def fill_sign_in_form(page, username, password):
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_intake_worker_sets_up_two_factor_sign_in_and_reads_the_inbox(browser_page, home_page):
    page = browser_page
    ensure_intake_group()
    worker = get_user_model().objects.create_user("riley", password=STAFF_PASSWORD)
    worker.groups.add(Group.objects.get(name="Intake"))
    ContactSubmission.objects.create(
        page=make_contact_page(home_page),
        form_data={"name": "Sam Sender", "message": "Is there a group on Fridays?"},
        email="sam@example.org",
    )

    # The inbox asks for a sign-in, then for setting up an authenticator app first.
    page.goto("/admin/contact-inbox/")
    fill_sign_in_form(page, "riley", STAFF_PASSWORD)
    page.wait_for_url("**/admin/2fa/devices/new**")
    assert page.locator("h1").inner_text() == "Set up two-factor sign-in"
    assert axe_violations(page, enhanced_contrast=False) == [], describe(
        axe_violations(page, enhanced_contrast=False)
    )
    qr_code = page.get_by_role("img", name="QR code to scan with your authenticator app")
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    # The rest of the admin stays closed until it is set up.
    page.goto("/admin/contact-inbox/")
    page.wait_for_url("**/admin/2fa/devices/new**")

    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("6-digit code from the app").fill(code_for(secret))
    page.get_by_label("Name of this phone or app").fill("Riley's phone")
    page.get_by_label("Your current password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_selector("text=Riley's phone")
    assert axe_violations(page, enhanced_contrast=False) == [], describe(
        axe_violations(page, enhanced_contrast=False)
    )

    page.goto("/admin/contact-inbox/")
    page.wait_for_selector("text=Sam Sender")

    # Signed out, then in again: the password, then the app's next code.
    page.goto("/admin/")
    page.get_by_role("button", name="riley").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/admin/login/**")
    page.goto("/admin/contact-inbox/")
    fill_sign_in_form(page, "riley", STAFF_PASSWORD)
    page.wait_for_url("**/admin/2fa/auth**")
    assert axe_violations(page, enhanced_contrast=False) == []
    page.get_by_label("6-digit code").fill(code_for(secret, steps_ahead=1))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/contact-inbox/")
    page.wait_for_selector("text=Sam Sender")


def test_wrong_passwords_lock_an_account_until_an_administrator_unlocks_it(
    browser, browser_page, live_server, settings, home_page
):
    page = browser_page
    editor = get_user_model().objects.create_user("dana", password=STAFF_PASSWORD)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))

    page.goto("/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        fill_sign_in_form(page, "dana", "not my password")
        page.wait_for_selector("text=didn't match")
    fill_sign_in_form(page, "dana", "not my password")
    page.wait_for_selector("h1:has-text('Sign-in paused for this account')")
    assert axe_violations(page, enhanced_contrast=False) == [], describe(
        axe_violations(page, enhanced_contrast=False)
    )
    # The right password does not help now.
    page.get_by_role("link", name="Sign in again").click()
    fill_sign_in_form(page, "dana", STAFF_PASSWORD)
    page.wait_for_selector("h1:has-text('Sign-in paused for this account')")

    # An administrator, elsewhere, unlocks it under Settings.
    admin_context = browser.new_context(base_url=live_server.url)
    admin_tab = admin_context.new_page()
    boss = get_user_model().objects.create_superuser("boss", "boss@newunity.test", STAFF_PASSWORD)
    sign_in(admin_tab, boss)
    admin_tab.get_by_role("button", name="Settings").click()
    admin_tab.get_by_role("link", name="Sign-in lockouts").click()
    row = admin_tab.locator("tr", has_text="dana")
    row.get_by_role("button", name="More options").click()
    row.get_by_role("link", name="Delete").click()
    admin_tab.get_by_role("button", name="Yes, delete").click()
    admin_tab.wait_for_selector("text=There are no access attempts")
    admin_context.close()

    page.goto("/admin/login/")
    fill_sign_in_form(page, "dana", STAFF_PASSWORD)
    page.wait_for_url("**/admin/")
