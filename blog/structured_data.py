"""schema.org data for search engines, written into pages as JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from wagtail.models import Site

from home.models import SiteSettings

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


def breadcrumb_list(page, request, ancestors=None):
    """The trail from the home page down to `page`; pass `ancestors` (below the root)
    when the page has fetched them already."""
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=1)
    trail = [*ancestors, page]
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


def blog_posting(article, request, share_image=None):
    site_settings = SiteSettings.for_request(request)
    site_root = Site.find_for_request(request).root_url + "/"
    publisher = {"@type": "Organization", "name": site_settings.organisation_name, "url": site_root}
    modified = article.last_published_at or article.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "datePublished": article.date.isoformat() if article.date else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": (
            {"@type": "Person", "name": article.author.name} if article.author else publisher
        ),
        "publisher": publisher,
        "keywords": [tag.name for tag in article.tag_list],
    }
    if share_image is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute_url(request, share_image.url),
            "width": share_image.width,
            "height": share_image.height,
        }
    return data
