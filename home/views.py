"""Site-wide reader views that are not pages: search and robots.txt."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

RESULTS_PER_PAGE = 10
# Long enough for any honest question; longer queries only cost the database.
MAX_QUERY_LENGTH = 100


@require_GET
def search(request):
    query = request.GET.get("query", "").strip()
    results = None
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = (
            f"Please shorten your search to {MAX_QUERY_LENGTH} characters or fewer "
            f"(it has {len(query)}). A few key words work best."
        )
    elif query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().in_site(site) if site else Page.objects.none()
        # Newest first rather than by relevance: ranking runs a full-text subquery per
        # matching page on the database backend, which grows with the number of pages.
        newest_first = pages.order_by("-first_published_at", "-id").specific()
        matches = newest_first.search(query, order_by_relevance=False)
        # get_page() turns a malformed or out-of-range number into a valid page.
        results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"query": query, "results": results, "error": error, "max_length": MAX_QUERY_LENGTH},
        status=400 if error else 200,
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
