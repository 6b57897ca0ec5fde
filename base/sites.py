"""The Wagtail site answering a request, with its home page, without a query per
request.

Wagtail looks the site up on every request, then fetches its home page as its own
type: two queries for what changes only when an editor edits a site or publishes
the home page, which both start a new cache generation. Both are kept until then.
"""

from contextlib import suppress

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .page_cache import cached_for_generation


def find_site(request):
    """Wagtail's choice of site for the request's host and port, or None."""
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()

    def build():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific
        return site

    return cached_for_generation(f"site:{hostname}:{port}", build)


class SiteMiddleware:
    """Hands Wagtail the site for the request: `Site.find_for_request()` looks for it on
    the request before querying. After CommonMiddleware, which refuses unknown hosts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a database each view answers as it can: the health check reports it.
        with suppress(DatabaseError):
            request._wagtail_site = find_site(request)
        return self.get_response(request)
