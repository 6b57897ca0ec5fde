"""Builders for content in tests: small functions over the real models, for every app."""

import datetime
import io
import itertools
import json
import time

from django.core.files.images import ImageFile
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageViewRestriction

from base.demo import choose_key_page, get_or_create_child
from blog.models import Author, BlogCategory, BlogIndexPage, BlogPage
from forms.models import ContactFormPage
from home.demo import load_home_page
from home.models import HomePage
from meetings.models import GroupPage, MeetingChange, MeetingRule, MeetingsIndexPage
from services.models import ServiceIndexPage, ServicePage

_numbers = itertools.count(1)

# Long enough for the password validators (12 characters or more).
STAFF_PASSWORD = "correct horse battery staple"


def give_authenticator(user):
    """The user's authenticator app (a confirmed TOTP device), added if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def totp_code(device, *, steps_ahead=0):
    """The 6-digit code the device's app shows now, or `steps_ahead` steps of 30 s later.
    A code is accepted once: a second sign-in within the same 30 s needs the next one
    (which the device accepts, as it allows one step of drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_verified(client, user):
    """Sign `user` in on Django's test client as if they had typed their password and the
    code from their authenticator app: works for every staff member, whether two-factor
    sign-in is required of them (superusers, the Intake group) or not. Browser tests sign
    in through the real form with tests.browser.conftest.sign_in()."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = give_authenticator(user).persistent_id
    session.save()
    return user


def make_image(title=None, description="A soft green and blue gradient.", size=(1600, 900)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (90, 140, 130)).save(buffer, "JPEG")
    title = title or f"Test image {next(_numbers)}"
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def make_home_page():
    """The site's home page, as the demo loader makes it but with a one-pixel picture,
    or the one there already. With the root page, root collection and Locale it needs:
    built here rather than taken from Wagtail's migrations, as browser tests flush the
    database."""
    Locale.objects.get_or_create(language_code="en")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if HomePage.objects.exists():
        return load_home_page()
    return load_home_page(hero_image=make_image("Morning light", size=(1, 1)))


def make_blog_index(home_page):
    return get_or_create_child(home_page, BlogIndexPage, "blog", title="Blog", intro="Our news.")


def make_category(name, description=""):
    category, _ = BlogCategory.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "description": description}
    )
    return category


def make_author(name="Dana Rivers", role="Peer mentor", bio="Dana runs our Tuesday group."):
    return Author.objects.create(name=name, role=role, bio=bio)


def paragraph(html):
    return ("paragraph", html)


def make_article(
    index,
    title=None,
    *,
    date=datetime.date(2025, 1, 1),
    summary="A short summary of the article.",
    body=(),
    categories=(),
    tags=(),
    author=None,
    image=None,
    related=(),
    live=True,
    with_revision=True,
):
    """An article under `index`; `body` holds (block type, raw JSON value) pairs.
    `with_revision=False` skips the revision history (much faster, for volume tests);
    the page is still live and public."""
    title = title or f"Article {next(_numbers)}"
    article = BlogPage(
        title=title,
        date=date,
        summary=summary,
        body=json.dumps(
            [
                {"type": block_type, "value": value}
                for block_type, value in (body or [paragraph(f"<p>Text of {title}.</p>")])
            ]
        ),
        author=author,
        feature_image=image,
        live=live and not with_revision,
    )
    article.categories = list(categories)
    article.chosen_articles = [("article", other) for other in related]
    article.tags.add(*tags)
    if not with_revision and live:
        article.first_published_at = article.last_published_at = timezone.now()
    index.add_child(instance=article)
    if with_revision:
        revision = article.save_revision()
        if live:
            revision.publish()
            article.refresh_from_db()
    return article


def make_private(page, password="secret"):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def make_service_index(home_page):
    return get_or_create_child(
        home_page, ServiceIndexPage, "services", title="Services", intro="What we offer."
    )


def make_contact_page(home_page, *, chosen=True):
    """The contact page at /contact/; `chosen` as the site's contact page in its settings
    (unless another already is), as staff do."""
    page = get_or_create_child(home_page, ContactFormPage, "contact", title="Contact us")
    if chosen:
        choose_key_page(page, "contact_page")
    return page


def make_service(index, title=None, *, categories=(), tags=(), related=(), **fields):
    """A live service under `index`. Without a revision history, which keeps volume
    tests fast; readers see exactly the same page."""
    title = title or f"Service {next(_numbers)}"
    fields.setdefault("summary", f"What {title} offers, in a sentence.")
    service = ServicePage(title=title, **fields)
    service.categories = list(categories)
    service.chosen_articles = [("article", article) for article in related]
    service.tags.add(*tags)
    index.add_child(instance=service)
    return service


def make_meetings_index(home_page):
    return get_or_create_child(
        home_page, MeetingsIndexPage, "meetings", title="Meetings", intro="When groups meet."
    )


def make_group(service, title=None, *, rules=(), changes=(), with_revision=False, **fields):
    """A live group under `service`; `rules` and `changes` hold the fields of its
    MeetingRule and MeetingChange rows. In person at a San José address unless `fields`
    say otherwise."""
    title = title or f"Group {next(_numbers)}"
    fields.setdefault("summary", f"What {title} is about, in a sentence.")
    fields.setdefault("venue", "New Unity community room")
    fields.setdefault("address", "1 Example Street\nSan José, CA 95112")
    group = GroupPage(title=title, **fields)
    group.first_published_at = group.last_published_at = timezone.now()
    group.meeting_rules = [MeetingRule(**rule) for rule in rules]
    group.meeting_changes = [MeetingChange(**change) for change in changes]
    service.add_child(instance=group)
    if with_revision:
        group.save_revision().publish()
        group.refresh_from_db()
    return group
