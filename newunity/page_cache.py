"""Full-page cache for anonymous readers, through Django's cache framework.

A page is stored when the reader carries no cookie that could change it (no
session, so never a signed-in editor), the request is a plain GET or HEAD, and
the response is a public 200 that sets no cookie. Every entry belongs to a
cache *generation*; any change a reader could see starts a new generation
(see `newunity.apps`), so every stored page goes stale at once and several
app servers sharing one Redis agree on what is fresh.

The contact form's CSRF token is never shared between readers: a stored page
holds a placeholder instead of the token, and each reader gets their own token
(and cookie) when the page is served from the cache.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

GENERATION_KEY = "page-cache:generation"
CSRF_PLACEHOLDER = b"page-cache-csrf-token-placeholder"
# A masked CSRF token: 64 letters and digits with no letter or digit either side.
CSRF_TOKEN_CANDIDATE = re.compile(
    rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH
)
# Vary values a stored page may carry: readers with other cookies are never served from
# the cache, so a page varying on Cookie is the same for every reader it is served to.
ALLOWED_VARY = {"cookie"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def start_new_generation():
    """Make every stored page stale, on this server and on every other one."""
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def mark_cacheable(request, page=None):
    """Let the page cache store this request's response (it still checks the response).

    Wagtail pages are marked by a `before_serve_page` hook; a plain Django view can
    call this too. `page` is checked for view restrictions before storing."""
    request.page_cache_allowed = True
    request.page_cache_page = page


def cache_key(request):
    query = sorted((key, value) for key, values in request.GET.lists() for value in values)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return "page-cache:page:" + hashlib.sha256(url.encode()).hexdigest()


def reader_is_anonymous(request):
    """True when nothing in the request could personalise the page: the only cookie
    allowed is the CSRF cookie, whose token is put in per request."""
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


class PageCacheMiddleware:
    """Place last in MIDDLEWARE: the middleware above it (security headers, CSRF
    cookie, conditional GET) then runs on cached responses as on fresh ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = (
            request.method in ("GET", "HEAD")
            and reader_is_anonymous(request)
            and not getattr(request, "is_preview", False)
        )
        if not (eligible and settings.PAGE_CACHE_ENABLED):
            return self.finish(request, self.get_response(request), eligible, store=None)

        key = cache_key(request)
        found = page_cache().get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # First request after the cache was emptied: nothing stored can be trusted.
            generation = uuid.uuid4().hex
            if not page_cache().add(GENERATION_KEY, generation, timeout=None):
                generation = page_cache().get(GENERATION_KEY, generation)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return self.serve_stored(request, entry)

        response = self.get_response(request)
        return self.finish(request, response, eligible, store=(key, generation))

    def finish(self, request, response, eligible, store):
        if not getattr(request, "page_cache_allowed", False):
            return response
        patch_vary_headers(response, ["Cookie"])
        if not (eligible and self.is_public(request, response)):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # The page holds this reader's CSRF token: browsers may keep it, shared caches not.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            set_response_etag(response)
        if store is not None:
            self.store(request, response, *store)
            response["X-Page-Cache"] = "miss"
        return response

    def is_public(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        directives = {
            d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if directives & {"private", "no-cache", "no-store"}:
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
        if not vary <= ALLOWED_VARY:
            return False
        page = getattr(request, "page_cache_page", None)
        # Wagtail already refuses restricted pages to readers without a session; this is
        # the second lock on the door, paid only when a page is about to be stored.
        return page is None or not page.get_view_restrictions().exists()

    def store(self, request, response, key, generation):
        content = response.content
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            content = self.replace_csrf_tokens(content, request.META["CSRF_COOKIE"])
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "x-page-cache")
        }
        entry = {"generation": generation, "headers": headers, "content": content}
        page_cache().set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)

    @staticmethod
    def replace_csrf_tokens(content, secret):
        def placeholder(match):
            token = match.group().decode()
            return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group()

        return CSRF_TOKEN_CANDIDATE.sub(placeholder, content)

    @staticmethod
    def serve_stored(request, entry):
        content = entry["content"]
        response = HttpResponse(status=200)
        for name, value in entry["headers"].items():
            response[name] = value
        if CSRF_PLACEHOLDER in content:
            # get_token() also makes CsrfViewMiddleware send this reader their cookie.
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response.content = content
        response["X-Page-Cache"] = "hit"
        return response
