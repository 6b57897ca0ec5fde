"""Template tags for what every page shows: the site's notice, menus and footer, and
contact links."""

import re
from dataclasses import dataclass

from django import template
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from base.models import NavigationSettings
from base.page_cache import cached_for_generation

register = template.Library()


@register.filter
def tel_href(phone):
    """A phone number as written for readers ("(555) 010-2040") as a tel: URL
    ("tel:5550102040"): diallers only understand digits and a leading +."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


@dataclass
class MenuLink:
    url: str
    text: str
    # "page" for the page being read, "true" for the section it is in, else None.
    current: str | None


@register.simple_tag(takes_context=True)
def site_chrome(context, template_name, menu=None):
    """`template_name` as HTML: a part of every page that shows only the site's settings
    and, with `menu`, that menu's links (as `links`), marked for the page being read.
    Rendered once per cache generation for each site and each way the links are marked,
    and kept for every page."""
    request = context["request"]
    site = Site.find_for_request(request)
    links = menu_links(request, context.get("page"), menu) if menu else []
    marks = ",".join(str(link.current) for link in links)
    return cached_for_generation(
        f"site-chrome:{template_name}:{site and site.pk}:{marks}",
        lambda: render_to_string(template_name, {"links": links}, request=request),
    )


def menu_links(request, page, menu):
    """The links of the site's "main" or "footer" menu, in the order staff set, marked
    for `page`; the main menu then links to site search."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    items = cached_for_generation(f"menu:{menu}:{site.pk}", lambda: load_menu(menu, request))
    links = [
        MenuLink(url=item["url"], text=item["text"], current=_current(item, page, request))
        for item in items
    ]
    if menu == "main":
        # Site search is no page staff could choose: the main menu always ends with it.
        search_url = reverse("search")
        current = "page" if request.path == search_url else None
        links.append(MenuLink(url=search_url, text="Search", current=current))
    return links


def load_menu(menu, request):
    """A menu's links as plain data, to be cached: the page being read is marked on
    each request from it."""
    items = (
        getattr(NavigationSettings.for_request(request), f"{menu}_menu_items")
        .filter(Q(link_page__isnull=True) | Q(link_page__live=True))
        .select_related("link_page")
    )
    return [
        {
            "url": item.link_page.get_url(request) if item.link_page else item.link_url,
            "text": item.link_text or item.link_page.title,
            "page_id": item.link_page_id,
            "depth": item.link_page.depth if item.link_page else None,
            "url_path": item.link_page.url_path if item.link_page else None,
        }
        for item in items
    ]


def _current(item, page, request):
    if item["page_id"] is None:
        return "page" if item["url"] == request.build_absolute_uri() else None
    if page is None:
        return None
    if item["page_id"] == page.pk:
        return "page"
    # A section contains the page, but the home page is not a section of everything.
    if item["depth"] > 2 and page.url_path.startswith(item["url_path"]):
        return "true"
    return None
