"""Views of the site that are not pages: the health check, robots.txt and, in the
admin, the editor's guide."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The guide is ours; raw HTML in it is still left out, as text.
        markdown = MarkdownIt("commonmark", {"html": False})
        context["guide"] = mark_safe(markdown.render(self.guide_path.read_text()))  # noqa: S308
        return context
