"""Views of the site that are not pages: the health check, robots.txt and, in the
admin, the editor's guide."""

import logging
import sys

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from .database import sqlite_file_missing
from .models import PUBLIC_EMAIL, PUBLIC_PHONE

logger = logging.getLogger(__name__)

# Posted fields that are not the reader's words: the CSRF token and the contact form's
# spam defences (forms/spam.py). They are sent again, never shown.
NOT_TYPED = {"csrfmiddlewaretoken", "form_token", "homepage"}
# The contact form's timing token marks a post as a message: only a message is shown back.
# Any other post (a sign-in, a private page's password) gets the plain page, so that no
# password is ever written out on a page.
MESSAGE_MARK = "form_token"


def database_state():
    """ "ok"; "read-only" when the site's tables answer but take no writes (a contact
    message could not be stored); "unavailable" when they do not answer."""
    if sqlite_file_missing(connection):
        return "unavailable"
    try:
        Site.objects.exists()
    except DatabaseError:
        return "unavailable"
    try:
        # A write that changes nothing, and still needs the right to write.
        Site.objects.filter(pk=-1).update(site_name="")
    except DatabaseError:
        return "read-only"
    return "ok"


def cache_state():
    """ "ok" or "unavailable" for a cache server; "local" for this process's memory."""
    cache = caches["default"]
    if not hasattr(cache, "reachable"):
        return "local"
    return "ok" if cache.reachable() else "unavailable"


@never_cache
@require_safe
def healthz(request):
    """For load balancers and people: 503 when readers or the contact form cannot be
    served (the database is unavailable or read-only), 200 with "degraded" when they
    can but more slowly (the cache server is away), 200 with "ok" otherwise."""
    states = {"database": database_state(), "cache": cache_state()}
    if states["database"] != "ok":
        return JsonResponse({"status": "unavailable", **states}, status=503)
    status = "degraded" if states["cache"] == "unavailable" else "ok"
    return JsonResponse({"status": status, **states})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """docs/editor-guide.md, in the admin (Help > How we edit this site)."""

    page_title = "How we edit this site"
    header_icon = "help"
    template_name = "base/editor_guide.html"
    guide_path = settings.BASE_DIR / "docs" / "editor-guide.md"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The guide is ours; raw HTML in it is still left out, as text.
        markdown = MarkdownIt("commonmark", {"html": False})
        # Its title is the admin header's already: the page has one h1.
        guide = self.guide_path.read_text().removeprefix(f"# {self.page_title}\n")
        context["guide"] = mark_safe(markdown.render(guide))  # noqa: S308
        return context


def server_error(request):
    """The site's 500 handler (`handler500`). When the error is the database's (its file
    gone, its server down), the reader gets a 503 page made without it: a message being
    sent is shown back with what they typed, ready to send again, so nothing is lost.
    Any other post gets the plain page."""
    if not isinstance(sys.exception(), DatabaseError):
        return defaults.server_error(request)
    is_message = request.method == "POST" and MESSAGE_MARK in request.POST
    posted = list(request.POST.lists()) if is_message else []
    typed = [
        # A ticked box posts "on"; several boxes of one question post a value each.
        (name.replace("_", " ").capitalize(), ", ".join("Yes" if v == "on" else v for v in shown))
        for name, values in posted
        if name not in NOT_TYPED and (shown := [v for v in values if v.strip()])
    ]
    resend = [
        (name, value)
        for name, values in posted
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    response = TemplateResponse(
        request,
        "503.html",
        {
            "typed": typed,
            "resend": resend,
            "phone": PUBLIC_PHONE,
            "email": PUBLIC_EMAIL,
        },
        status=503,
    )
    response["Retry-After"] = "300"
    return response.render()
