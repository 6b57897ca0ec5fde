"""Fixtures for the contact form and its inbox."""

import email
import importlib
import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.cache import cache

from forms.spam import TOKEN_SALT
from scripts.ports import free_port


class BackdatedSigner(signing.TimestampSigner):
    """Signs as if the form had been opened a minute ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 60)


def opened_a_minute_ago():
    """A token as the form issues it (each one different), a minute old."""
    return BackdatedSigner(salt=TOKEN_SALT).sign(uuid.uuid4().hex)


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
    """Each test starts with an empty cache (rate limits are counted in the database)."""
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


def ensure_intake_group():
    """Live-server tests empty the database after themselves: the group the
    migrations made (with two-factor sign-in required) is rebuilt here when missing."""
    importlib.import_module("forms.migrations.0003_intake_group").create_intake_group(apps, None)
    importlib.import_module("forms.migrations.0006_intake_two_factor").require_two_factor(
        apps, None
    )


@pytest.fixture
def groups(home_page):
    """The Intake and Editors groups."""
    from wagtail.models import GroupPagePermission

    ensure_intake_group()
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


class Mailbox:
    """An aiosmtpd handler keeping each message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


class SmtpServer:
    """A real SMTP server on loopback, which a test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    """Django sends through SMTP to this server (started by the test when it wants it)."""
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
