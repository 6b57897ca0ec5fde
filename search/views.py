"""Site search: every live, public page of the site, a page of results at a time."""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site, get_page_models

from base.search_text import MAX_QUERY_LENGTH, plain_query
from blog.models import BlogPage
from services.models import ServicePage

RESULTS_PER_PAGE = 10


def not_blank(field):
    return NullIf(field, Value(""), output_field=TextField())


def summaries():
    """For each page type with a summary (`SitePageMixin.summary_field`), a subquery of
    that summary for the page in hand, blank as NULL."""
    return [
        Subquery(
            model.objects.filter(pk=OuterRef("pk")).values(text=not_blank(model.summary_field))
        )
        for model in get_page_models()
        if getattr(model, "summary_field", None)
    ]


def with_descriptions(pages):
    """`pages` (a page of results), each with the text shown under it, its
    `listing_summary`: its search description, or else its type's summary; and, for an
    article or a service, which it is (with an article's date). One query for them
    all, where fetching each page as its own type takes one per type found."""
    pages = list(pages)
    article_date = BlogPage.objects.filter(pk=OuterRef("pk")).values("date")
    texts_and_dates = {
        pk: (text, date)
        for pk, text, date in Page.objects.filter(pk__in=[page.pk for page in pages])
        .annotate(text=Coalesce(not_blank("search_description"), *summaries()))
        .annotate(date=Subquery(article_date))
        .values_list("pk", "text", "date")
    }
    kinds = {BlogPage: "Article", ServicePage: "Service"}
    for page in pages:
        page.description, page.date = texts_and_dates[page.pk]
        page.kind = kinds.get(page.specific_class, "")
    return pages


@require_GET
def search(request):
    query = plain_query(request.GET.get("query", ""))
    results = None
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = (
            f"Please shorten your search to {MAX_QUERY_LENGTH} characters or fewer "
            f"(it has {len(query)}). A few key words work best."
        )
    elif query:
        site = Site.find_for_request(request)
        # Pages of every type, leaving out private ones as the listings do.
        pages = Page.objects.live().public().in_site(site) if site else Page.objects.none()
        # Newest first rather than by relevance: ranking runs a full-text subquery per
        # matching page on the database backend, which grows with the number of pages.
        newest_first = pages.order_by("-first_published_at", "-id")
        matches = newest_first.search(query, order_by_relevance=False)
        # get_page() turns a malformed or out-of-range number into a valid page.
        results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results.object_list = with_descriptions(results.object_list)
    return TemplateResponse(
        request,
        "search/search_results.html",
        {"query": query, "results": results, "error": error, "max_length": MAX_QUERY_LENGTH},
        status=400 if error else 200,
    )
