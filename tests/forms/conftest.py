"""Fixtures for the contact form and its inbox."""

import importlib
import time

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.cache import cache

from forms.spam import TOKEN_SALT


class BackdatedSigner(signing.TimestampSigner):
    """Signs as if the form had been opened a minute ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 60)


def opened_a_minute_ago():
    return BackdatedSigner(salt=TOKEN_SALT).sign("opened")


def valid_answers(**overrides):
    data = {
        "name": "Jordan Example",
        "email": "jordan@example.org",
        "phone": "(555) 010-9999",
        "preferred_contact_method": "Phone",
        "service_of_interest": "",
        "message": "I would like to join a peer group on Tuesdays.",
        "i_understand_this_form_is_not_for_emergencies": "on",
        "form_token": opened_a_minute_ago(),
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_page(home_page):
    import forms.demo

    page = forms.demo.load(home_page)
    page.to_address = "intake@newunity.test"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def groups(home_page):
    """The Intake and Editors groups. Live-server tests empty the database after
    themselves, so the groups migrations made are rebuilt here when missing."""
    from wagtail.models import GroupPagePermission

    importlib.import_module("forms.migrations.0002_intake_group").create_intake_group(apps, None)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home_page, permission=Permission.objects.get(codename=codename)
        )


@pytest.fixture
def make_user(django_user_model, groups):
    def make(username, *, group=None, superuser=False):
        user = django_user_model.objects.create_user(
            username=username,
            password="correct horse battery",
            email=f"{username}@newunity.test",
            is_superuser=superuser,
            is_staff=superuser,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def intake_user(make_user):
    return make_user("intake", group="Intake")


@pytest.fixture
def editor(make_user):
    return make_user("editor", group="Editors")


@pytest.fixture
def superuser(make_user):
    return make_user("boss", superuser=True)
