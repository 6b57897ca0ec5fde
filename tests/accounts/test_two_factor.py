"""Two-factor sign-in: required for superusers and the Intake group, open to others."""

import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import STAFF_PASSWORD, give_authenticator, sign_in_verified, totp_code
from tests.forms.conftest import ensure_intake_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model, home_page):
    from tests.forms.conftest import Permission

    ensure_intake_group()
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))

    def make(username, group=None, superuser=False):
        user = django_user_model.objects.create_user(
            username, f"{username}@newunity.test", STAFF_PASSWORD, is_superuser=superuser
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


def sign_in(client, user):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD},
    )


@pytest.mark.parametrize("who", ["intake", "superuser"])
def test_intake_staff_and_superusers_must_set_up_two_factor_sign_in(client, staff, who):
    user = staff(who, group="Intake" if who == "intake" else None, superuser=who == "superuser")
    assert sign_in(client, user).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))
    # The inbox too: nothing but setting it up.
    assert client.get("/admin/submissions/").status_code == 302
    setup = client.get(reverse("wagtail_2fa_device_new"))
    assert setup.status_code == 200
    assert b"Set up two-factor sign-in" in setup.content


def test_an_editor_may_sign_in_with_a_password_alone(client, staff):
    editor = staff("editor", group="Editors")
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200


def test_after_the_password_a_code_is_asked_and_checked(client, staff):
    user = staff("intake", group="Intake")
    device = give_authenticator(user)
    sign_in(client, user)
    assert client.get("/admin/")["Location"].startswith(reverse("wagtail_2fa_auth"))
    wrong = client.post(
        reverse("wagtail_2fa_auth"), {"otp_device": device.persistent_id, "otp_token": "000000"}
    )
    assert b"That code did not work" in wrong.content
    assert b"token" not in wrong.content.split(b'class="messages"')[1].split(b"</div>")[0]
    # At once again: django-otp makes the device wait, which the page says in plain words.
    again = client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_device": device.persistent_id, "otp_token": totp_code(device)},
    )
    assert b"wait a moment, then type the code the app shows then" in again.content
    assert b"Verification" not in again.content
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django-otp makes a device wait a second after a wrong code
    right = client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_device": device.persistent_id, "otp_token": totp_code(device), "next": "/admin/"},
    )
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_helper_signs_in_a_verified_user(client, staff):
    user = staff("intake", group="Intake")
    sign_in_verified(client, user)
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_anyone_may_turn_it_on_and_is_then_asked_for_a_code(client, staff):
    editor = staff("editor", group="Editors")
    sign_in(client, editor)
    assert client.get(reverse("wagtail_2fa_device_new")).status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    mistyped = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "My phone", "otp_token": "000000", "password": "not my password"},
    ).content.decode()
    assert "That code did not work. Type the 6-digit code the app shows now" in mistyped
    assert "That is not your current password" in mistyped
    assert "Invalid" not in mistyped
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    time.sleep(1.1)  # django-otp makes a device wait a second after a wrong code
    client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "My phone", "otp_token": totp_code(device), "password": STAFF_PASSWORD},
    )
    assert TOTPDevice.objects.get(user=editor).confirmed
    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(reverse("wagtail_2fa_auth"))
