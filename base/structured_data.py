"""schema.org data for search engines, written into pages as JSON-LD: the pieces
every page type shares."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .models import SiteSettings

# What keeps a JSON string from closing the <script> element it sits in.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script_json(data):
    """JSON safe to place between <script type="application/ld+json"> tags."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(SCRIPT_SAFE))


def absolute_url(request, url):
    """`url` on this site's canonical host, unless it is already absolute (media on S3)."""
    if url.startswith(("http://", "https://")):
        return url
    return Site.find_for_request(request).root_url + url


def organisation(request):
    """The organisation behind the site, as articles and services name it."""
    return {
        "@type": "Organization",
        "name": SiteSettings.for_request(request).organisation_name,
        "url": absolute_url(request, "/"),
    }


def breadcrumb_list(page, request):
    """The trail from the home page down to `page`."""
    trail = [*page.breadcrumb_trail, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }
