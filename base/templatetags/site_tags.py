"""Template tags for what every page shows: the site's menus and contact links, and the
cache generation the fragments of a page are kept for."""

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Site

from base.models import NavigationSettings
from base.page_cache import generation_for, reads_every_parameter

register = template.Library()


@register.filter
def tel_href(phone):
    """A phone number as written for readers ("(555) 010-2040") as a tel: URL
    ("tel:5550102040"): diallers only understand digits and a leading +."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


@register.simple_tag(takes_context=True)
def page_cache_generation(context):
    """The current cache generation, for the fragments of a Wagtail page that Django's
    `{% cache %}` keeps until the next change a reader could see (see
    includes/cached_fragment.html); None when none are kept: for other views, for
    previews, for addresses with query parameters the page does not read, and while the
    cache server cannot be reached."""
    request = context.get("request")
    if not settings.FRAGMENT_CACHE_ENABLED or request is None or context.get("page") is None:
        return None
    if getattr(request, "is_preview", False) or not reads_every_parameter(request):
        return None  # previews, and made-up addresses (`/?x=1`) that would fill the cache
    return generation_for(request)


@dataclass
class MenuLink:
    url: str
    text: str
    # "page" for the page being read, "true" for the section it is in, else None.
    current: str | None


@register.simple_tag(takes_context=True)
def menu_links(context, name):
    """The links of the site's "main" or "footer" menu, in the order staff set, marked
    for the page being read; the main menu then links to site search. For
    includes/menu_list.html: `{% menu_links "main" as links %}`."""
    request, page = context["request"], context.get("page")
    if Site.find_for_request(request) is None:
        return []
    items = (
        getattr(NavigationSettings.for_request(request), f"{name}_menu_items")
        .filter(Q(link_page__isnull=True) | Q(link_page__live=True))
        .select_related("link_page")
    )
    links = [
        MenuLink(
            url=item.link_page.get_url(request) if item.link_page else item.link_url,
            text=item.link_text or item.link_page.title,
            current=current_mark(item, page, request),
        )
        for item in items
    ]
    if name == "main":
        # Site search is no page staff could choose: the main menu always ends with it.
        search_url = reverse("search")
        current = "page" if request.path == search_url else None
        links.append(MenuLink(url=search_url, text="Search", current=current))
    return links


def current_mark(item, page, request):
    linked = item.link_page
    if linked is None:
        return "page" if item.link_url == request.build_absolute_uri() else None
    if page is None:
        return None
    if linked.pk == page.pk:
        return "page"
    # A section contains the page, but the home page is not a section of everything.
    if linked.depth > 2 and page.url_path.startswith(linked.url_path):
        return "true"
    return None
