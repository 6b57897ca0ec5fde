"""Full-page cache for anonymous readers, through Django's cache framework.

A page is stored when the reader carries no cookie that could change it (no
session, so never a signed-in editor), the request is a plain GET or HEAD, and
the response is a public 200 that sets no cookie. Every entry belongs to a
cache *generation*; any change a reader could see starts a new generation
(see `base.page_cache_signals`), so every stored page goes stale at once and
several app servers sharing one Redis agree on what is fresh. Fragments a page
keeps with Django's `{% cache %}` tag (menus, the footer, article cards) carry
the generation in their keys, and go stale with it.

A CSRF token is never shared between readers: a page whose rendering used one
(a form) is personal, so it is neither stored nor marked public. The contact page
goes further and forbids any caching, for its spam-timing token.
"""

import hashlib
import logging
import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Django views (by URL name) cached like pages: their output depends only on the URL,
# through these query parameters.
CACHEABLE_VIEWS = {"search": {"query", "page"}, "sitemap": {"p"}}
# Vary values a stored page may carry: readers with other cookies are never served from
# the cache, so a page varying on Cookie is the same for every reader it is served to.
ALLOWED_VARY = {"cookie"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def unless_cache_down(call, fallback=None):
    """`call()`, or `fallback` while the cache server cannot be reached: readers still
    get their pages, only slower."""
    try:
        return call()
    except Exception as error:
        logger.warning("page cache unavailable: %r", error)
        return fallback


def current_generation():
    return page_cache().get(GENERATION_KEY) or first_generation()


def generation_for(request):
    """The generation `request` reads, read once: the page cache's middleware reads it
    with the page it looks up. None while the cache server cannot be reached."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = unless_cache_down(current_generation)
    return request.page_cache_generation


def start_new_generation():
    """Make every stored page stale, on this server and on every other one."""
    generation = uuid.uuid4().hex
    page_cache().set(GENERATION_KEY, generation, timeout=None)
    return generation


def first_generation():
    """Start a generation when the cache holds none (it was emptied): nothing stored
    before can be trusted. Another server may start one at the same moment: theirs wins.
    None while the cache server cannot be reached."""
    generation = uuid.uuid4().hex
    if page_cache().add(GENERATION_KEY, generation, timeout=None):
        return generation
    return page_cache().get(GENERATION_KEY)


def look_up(key):
    """The current generation and the entry stored under `key`, in one round trip."""
    found = page_cache().get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY) or first_generation(), found.get(key)


def mark_cacheable(request, page=None, query_parameters=()):
    """Let the page cache store this request's response (it still checks the response).

    Wagtail pages are marked by a `before_serve_page` hook; a plain Django view can
    call this too. `page` is checked for view restrictions before storing.
    `query_parameters` are those the response depends on: a response to an address
    with any other (`/?x=1`, `/?x=2`, ...) is served, never stored, so that made-up
    addresses cannot fill the cache."""
    request.page_cache_allowed = True
    request.page_cache_page = page
    request.page_cache_query_parameters = set(query_parameters)


def reads_every_parameter(request):
    """True when the response depends on every query parameter of the request: only
    then is it stored, and are the fragments of its page kept."""
    if hasattr(request, "page_cache_query_parameters"):
        used = request.page_cache_query_parameters
    else:
        match = request.resolver_match
        used = CACHEABLE_VIEWS.get(match.url_name, set()) if match else set()
    return set(request.GET) <= used


def expire_page_in(request, seconds):
    """Let this request's page be kept for `seconds` at most, in the page cache and in
    browsers: a page that lists what is coming next (meetings) goes stale when the first
    of them ends, whatever the generation. None leaves the usual lifetimes."""
    if seconds is None:
        return
    current = getattr(request, "page_cache_max_age", None)
    request.page_cache_max_age = seconds if current is None else min(current, seconds)


def lifetime(request, limit):
    """`limit` seconds, or less if the page asked for less (expire_page_in)."""
    asked = getattr(request, "page_cache_max_age", None)
    return limit if asked is None else min(limit, asked)


def cache_key(request):
    query = sorted((key, value) for key, values in request.GET.lists() for value in values)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return "page-cache:page:" + hashlib.sha256(url.encode()).hexdigest()


def reader_is_anonymous(request):
    """True when nothing in the request could personalise the page. The CSRF cookie
    is allowed: only pages that render its token depend on it, and those are never
    stored."""
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


class PageCacheMiddleware:
    """Place right after ConditionalGetMiddleware. The security headers and conditional
    GET above it run on cached pages as on fresh ones; the session, CSRF, auth and
    messages layers below are skipped on a hit, and on a miss this sees the response
    they leave, so a cookie any of them sets keeps the page out of the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = (
            request.method in ("GET", "HEAD")
            and reader_is_anonymous(request)
            and not getattr(request, "is_dummy", False)  # previews and moderation views
        )
        if not (eligible and settings.PAGE_CACHE_ENABLED):
            return self.finish(request, self.get_response(request), eligible, store=None)

        key = cache_key(request)
        generation, entry = unless_cache_down(lambda: look_up(key), fallback=(None, None))
        request.page_cache_generation = generation  # for the fragments the page keeps
        if generation is None:
            return self.finish(request, self.get_response(request), eligible, store=None)
        if (
            entry is not None
            and entry["generation"] == generation
            and entry.get("expires", math.inf) > time.time()
        ):
            return self.serve_stored(entry)

        response = self.get_response(request)
        return self.finish(request, response, eligible, store=(key, generation))

    def finish(self, request, response, eligible, store):
        if not self.is_cacheable_view(request):
            return response
        patch_vary_headers(response, ["Cookie"])
        if not (eligible and self.is_public(request, response)):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        max_age = lifetime(request, settings.PAGE_CACHE_MAX_AGE)
        patch_cache_control(response, public=True, max_age=max_age)
        set_response_etag(response)
        storable = store is not None and reads_every_parameter(request)
        if storable and not self.is_restricted(request):
            self.store(request, response, *store)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_view(request):
        match = request.resolver_match
        return getattr(request, "page_cache_allowed", False) or (
            match is not None and match.url_name in CACHEABLE_VIEWS
        )

    @staticmethod
    def is_restricted(request):
        """Wagtail already refuses restricted pages to readers without a session; this is
        the second lock on the door, paid only when a page is about to be stored."""
        page = getattr(request, "page_cache_page", None)
        return page is not None and page.get_view_restrictions().exists()

    @staticmethod
    def is_public(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds this reader's CSRF token
        directives = {
            d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if directives & {"private", "no-cache", "no-store"}:
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
        return vary <= ALLOWED_VARY

    def store(self, request, response, key, generation):
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "x-page-cache")
        }
        timeout = lifetime(request, settings.PAGE_CACHE_TIMEOUT)
        entry = {
            "generation": generation,
            "headers": headers,
            "content": response.content,
            # Checked on every hit too: the cache server's own expiry is not the site's clock.
            "expires": time.time() + timeout,
        }
        unless_cache_down(lambda: page_cache().set(key, entry, timeout=timeout))

    @staticmethod
    def serve_stored(entry):
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
