"""Guessing is limited: staff passwords (django-axes), password reset requests, and
the passwords of private pages and documents."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from base.models import Attempt
from base.throttle import forget_old_attempts
from tests.factories import STAFF_PASSWORD, make_private, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@newunity.test", STAFF_PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def sign_in(client, password, username="editor", address="203.0.113.5"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_lock_the_account_for_that_address_until_unlocked(
    client, editor, django_user_model, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert b"password didn&#x27;t match" in sign_in(client, "wrong").content
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert b"Sign-in paused for this account" in locked.content
    assert b"for 15 minutes" in locked.content
    # Now even the right password is refused, from that address...
    assert sign_in(client, STAFF_PASSWORD).status_code == 429
    assert client.get("/admin/").status_code == 302
    # ...but not from another: nobody can lock a colleague out from elsewhere.
    assert sign_in(client, STAFF_PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()

    # Someone allowed to unlock accounts finds it under Settings and unlocks it.
    unlocker = django_user_model.objects.create_user("lead", "lead@newunity.test", STAFF_PASSWORD)
    unlocker.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_accessattempt"),
    )
    manager = client.__class__()
    sign_in_verified(manager, unlocker)
    listing = manager.get(reverse("sign_in_lockouts:index"))
    assert b"203.0.113.5" in listing.content
    assert b"Add" not in listing.content.split(b"<main")[1].split(b"</header>")[0]
    listing_text = " ".join(listing.content.decode().split())
    assert '<h1 class="w-sr-only"> Sign-in lockouts </h1>' in listing_text
    assert "Wrong passwords" in listing_text
    attempt = AccessAttempt.objects.get(username="editor")
    unlock = manager.get(reverse("sign_in_lockouts:delete", args=[attempt.pk]))
    assert "Unlock “editor”? Deleting this record" in unlock.content.decode()
    assert b"referenced" not in unlock.content
    unlocked = manager.post(reverse("sign_in_lockouts:delete", args=[attempt.pk]), follow=True)
    assert "“editor” can sign in again." in unlocked.content.decode()
    assert not AccessAttempt.objects.exists()

    assert sign_in(client, STAFF_PASSWORD).status_code == 302


def test_a_lockout_ends_after_the_cool_off(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, STAFF_PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= settings.AXES_COOLOFF_TIME
    attempt.save()
    assert sign_in(client, STAFF_PASSWORD).status_code == 302


def test_only_those_allowed_see_the_lockouts(client, editor):
    sign_in_verified(client, editor)
    assert client.get(reverse("sign_in_lockouts:index")).status_code == 302


def test_password_reset_emails_are_limited(client, editor, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
        assert response.status_code == 302
    refused = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
    assert refused.status_code == 429
    assert b"Too many password reset requests" in refused.content
    # The attempts are in the database: emptying the cache (an eviction, a Redis restart)
    # does not start the window again.
    cache.clear()
    again = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
    assert again.status_code == 429
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT


def test_attempts_are_forgotten_once_past_every_window(client, editor, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT):
        client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
    a_day_later = timezone.now() + timedelta(days=1, minutes=1)
    assert forget_old_attempts(a_day_later) == 2 * settings.PASSWORD_RESET_LIMIT
    assert not Attempt.objects.exists()


def test_password_resets_for_one_account_are_limited_from_any_address(client, editor, settings):
    for number in range(settings.PASSWORD_RESET_LIMIT + 1):
        client.post(
            reverse("wagtailadmin_password_reset"),
            {"email": editor.email.upper()},
            REMOTE_ADDR=f"203.0.113.{number}",
        )
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT


def test_private_page_passwords_are_limited(client, blog_index, settings):
    restriction = make_private(blog_index, password="the-right-one")
    address = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, blog_index.pk]
    )
    form = {"password": "guess", "return_url": blog_index.url}
    for _ in range(settings.PRIVATE_PASSWORD_LIMIT):
        assert client.post(address, form).status_code == 200
    refused = client.post(address, {**form, "password": "the-right-one"})
    assert refused.status_code == 429
    assert b"Too many passwords tried" in refused.content
    assert client.get(blog_index.url).status_code == 200  # the password form, not the page
    assert b"Our news." not in client.get(blog_index.url).content

    # Another reader (another address) is not held back.
    other = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert other.post(address, {**form, "password": "the-right-one"}).status_code == 302
    assert b"Our news." in other.get(blog_index.url).content


def test_administrators_can_let_a_group_unlock_accounts_and_require_two_factor(
    client, django_user_model
):
    boss = django_user_model.objects.create_superuser("boss", "boss@newunity.test", "pw")
    sign_in_verified(client, boss)
    html = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Access attempt" in html
    assert "Enable 2FA" in html
