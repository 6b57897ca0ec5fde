"""Every page type a reader can land on, found in the demo content.

The browser tests and `make audit` walk this list, so a new page type is
checked everywhere once it is added here. Each entry is a path, or a reason
why the demo content has no page of that type."""

import io
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection, Locale, Page

from blog.models import BlogCategory, BlogIndexPage, BlogPage
from forms.models import ContactFormPage
from home.models import HomePage
from meetings.models import GroupPage, MeetingsIndexPage
from services.models import ServiceIndexPage, ServicePage

DEMO_VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
NO_BACKGROUND_TASKS = "django_tasks.backends.dummy.DummyBackend"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}


@contextmanager
def reader_tab(browser, live_server, viewport="desktop", **context_options):
    """A browser tab of the given viewport on the live server; bypasses the CSP so that
    tests can inject axe-core."""
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORTS[viewport], bypass_csp=True, **context_options
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@dataclass(frozen=True)
class ReaderPage:
    name: str
    path: str | None
    missing_reason: str = ""
    status: int = 200
    # What the reader does once the page is open (e.g. send a form), taking a Playwright page.
    action: Callable | None = None


FORM_ERRORS = "main .error-summary, main .errorlist, main .field-error, main [aria-invalid=true]"


def send_contact_form_empty(page):
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(FORM_ERRORS).count() > 0, "the empty form was accepted"


def send_contact_form_filled(page):
    """Fill every visible field with a plausible answer, send, and land on the thank-you page."""
    form = page.locator("main form").first
    answers = {"email": "reader@example.org", "tel": "555 010 2040", "number": "1"}
    for field in form.locator("input:visible").all():
        kind = field.get_attribute("type") or "text"
        if kind in ("checkbox", "radio"):
            field.check()
        elif kind not in ("submit", "button", "hidden"):
            field.fill(answers.get(kind, "Alex Rivera"))
    for field in form.locator("textarea:visible").all():
        field.fill("I would like to hear about your peer-support groups.")
    for field in form.locator("select:visible").all():
        values = [
            v for v in field.locator("option").evaluate_all("os => os.map(o => o.value)") if v
        ]
        if values:
            field.select_option(values[0])
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(FORM_ERRORS).count() == 0, "the filled-in form was refused"


def load_demo_site():
    """The demo site, built on a database that may hold no pages at all (see conftest.py)."""
    # Cached pages and the contact form's submission counts outlive a test's database.
    for cache in caches.all(initialized_only=True):
        cache.clear()
    Locale.objects.get_or_create(language_code="en")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    # Publishing queues image renditions, and the immediate task backend would make
    # them all now; left to the first page view, they cost only what is looked at.
    with override_settings(TASKS={"default": {"BACKEND": NO_BACKGROUND_TASKS}}):
        call_command("load_demo_content", stdout=io.StringIO())
        if _article_with_video().path is None:
            add_video_to_an_article()


def add_video_to_an_article():
    """The demo articles have no video: one gets a video block, so that the
    consent-first player is checked like every other part of an article."""

    article = BlogPage.objects.live().order_by("path").last()
    article.body.append(("video", {"url": DEMO_VIDEO_URL, "title": "What happens at a peer group"}))
    article.save_revision().publish()


def _first_url(model, label):
    page = model.objects.live().public().order_by("path").first()
    if page is None:
        return ReaderPage(label, None, f"the demo content has no live {model.__name__}")
    return ReaderPage(label, page.url)


def _category_listing():

    index = BlogIndexPage.objects.live().first()
    category = BlogCategory.objects.filter(blogpage__live=True).order_by("pk").first()
    if index is None or category is None:
        return ReaderPage("category listing", None, "no live article with a category")
    return ReaderPage(
        "category listing", index.url + index.reverse_subpage("category", [category.slug])
    )


def _article_with_video():

    for article in BlogPage.objects.live().public().order_by("path"):
        if any(block.block_type == "video" for block in article.body):
            return ReaderPage("article with a video", article.url)
    return ReaderPage("article with a video", None, "no live article has a video")


def reader_pages():
    """The reader page types that are opened by URL, with the demo page that stands for each."""

    contact = _first_url(ContactFormPage, "contact form")
    return [
        _first_url(HomePage, "home"),
        _first_url(BlogIndexPage, "blog index"),
        _category_listing(),
        _first_url(BlogPage, "article"),
        _article_with_video(),
        _first_url(ServiceIndexPage, "services index"),
        _first_url(ServicePage, "service"),
        _first_url(MeetingsIndexPage, "meetings"),
        _first_url(GroupPage, "group"),
        contact,
        replace(contact, name="contact form with errors", action=send_contact_form_empty),
        replace(contact, name="thank-you", action=send_contact_form_filled),
        # Words the demo promotes pages for: the promoted pages, then the pages found.
        ReaderPage("search results", reverse("search") + "?query=crisis"),
        ReaderPage("not found", "/this-page-does-not-exist/", status=404),
    ]


def open_reader_page(page, reader_page):
    """Open the page as a reader would and check it answered with the expected status."""
    response = page.goto(reader_page.path)
    assert response.status == reader_page.status, f"{reader_page.path} answered {response.status}"
    if reader_page.action:
        reader_page.action(page)
