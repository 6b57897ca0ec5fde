"""Site search: every live, public page of the site, a page of results at a time, after
the pages staff promoted for what was typed (Wagtail's search promotions)."""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site, get_page_models
from wagtail.search.utils import normalise_query_string

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


def promotions_for(query, pages):
    """What staff promoted for `query` (as Wagtail's promotions store it: lower case, single
    spaces), in their order: links to other sites, and pages among `pages` only (a promoted
    page since unpublished or made private is left out). One query."""
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=pages))
        .select_related("page")
        .order_by("sort_order", "pk")
    )


@require_GET
def search(request):
    query = plain_query(request.GET.get("query", ""))
    results = None
    promotions = []
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
        promotions = promotions_for(query, pages)
        promoted_pages = [promotion.page for promotion in promotions if promotion.page]
        # By relevance, the most relevant first; pages equally relevant, newest first (the
        # search backend breaks ties by id, the order pages were made in). A promoted page
        # is listed once, with the promotions.
        matches = pages.exclude(pk__in=[page.pk for page in promoted_pages]).search(query)
        # get_page() turns a malformed or out-of-range number into a valid page.
        results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        if results.number > 1:
            promotions, promoted_pages = [], []
        # One query for the text under every page shown, promoted or found.
        shown = with_descriptions([*promoted_pages, *results.object_list])
        results.object_list = shown[len(promoted_pages) :]
    return TemplateResponse(
        request,
        "search/search_results.html",
        {
            "query": query,
            "promotions": promotions,
            "results": results,
            "error": error,
            "max_length": MAX_QUERY_LENGTH,
        },
        status=400 if error else 200,
    )
