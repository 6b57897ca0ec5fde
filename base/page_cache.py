"""Full-page cache for anonymous readers, through Django's cache framework.

A page is stored when the reader carries no cookie that could change it (no
session, so never a signed-in editor), the request is a plain GET or HEAD, and
the response is a public 200 that sets no cookie. Every entry belongs to a
cache *generation*; any change a reader could see starts a new generation
(see `newunity.apps`), so every stored page goes stale at once and several
app servers sharing one Redis agree on what is fresh.

A CSRF token is never shared between readers: a page whose rendering used one
(a form) is personal, so it is neither stored nor marked public. The contact page
goes further and forbids any caching, for its spam-timing token.
"""

import hashlib
import logging
import pickle
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

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
# Django views (by URL name) cached like pages: their output depends only on the URL.
CACHEABLE_VIEWS = {"search", "sitemap"}
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


class RequestGeneration:
    """The generation a request reads, once (see `PageCacheMiddleware`)."""

    value = None


request_generation = ContextVar("request_generation", default=None)


@contextmanager
def one_generation_per_request():
    """Within this, the current generation is read from the cache once, at first need,
    and values this process holds for it are used without asking the cache again.
    (A change made during the request starts a new generation for the rest of it.)"""
    generation = RequestGeneration()
    token = request_generation.set(generation)
    try:
        yield generation
    finally:
        request_generation.reset(token)


def current_generation():
    request = request_generation.get()
    if request is not None and request.value is not None:
        return request.value
    generation = page_cache().get(GENERATION_KEY) or first_generation()
    if request is not None:
        request.value = generation
    return generation


def start_new_generation():
    """Make every stored page stale, on this server and on every other one."""
    generation = uuid.uuid4().hex
    page_cache().set(GENERATION_KEY, generation, timeout=None)
    if (request := request_generation.get()) is not None:
        request.value = generation


def first_generation():
    """Start a generation when the cache holds none (it was emptied): nothing stored
    before can be trusted. Another server may start one at the same moment: theirs wins."""
    generation = uuid.uuid4().hex
    if not page_cache().add(GENERATION_KEY, generation, timeout=None):
        generation = page_cache().get(GENERATION_KEY, generation)
    return generation


def look_up(key):
    """The current generation and the entry stored under `key`, in one round trip."""
    found = page_cache().get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY) or first_generation(), found.get(key)


# This process's copies of the values kept per generation, pickled as a cache keeps
# them: each use unpickles its own, so that no object is shared between requests.
held_values = {}
# Names can carry the request's host: however many made-up hosts a flood of requests
# brings, a process holds no more than this many values (it starts afresh beyond).
HELD_VALUES_MAX = 256


def value_key(name):
    return f"page-cache:value:{name}"


def kept_values_generation():
    """The generation values are kept for, or None when they are not kept (switched off,
    or the cache server cannot be reached): they are then built each time."""
    if not settings.SITE_CHROME_CACHE_ENABLED:
        return None
    return unless_cache_down(current_generation)


def stored_for_generation(generation, names, build):
    """The values stored for `generation` under `names`, by name, those missing built
    (`build(missing)`, by name) and stored: one round trip to the cache each way."""
    keys = {name: value_key(name) for name in names}
    entries = unless_cache_down(lambda: page_cache().get_many(keys.values()), fallback={})
    values = {}
    for name, key in keys.items():
        entry = entries.get(key)
        if entry is not None and entry["generation"] == generation:
            values[name] = entry["value"]
    missing = [name for name in names if name not in values]
    if missing:
        built = build(missing)
        values.update(built)
        new_entries = {
            keys[name]: {"generation": generation, "value": value} for name, value in built.items()
        }
        timeout = settings.PAGE_CACHE_TIMEOUT
        unless_cache_down(lambda: page_cache().set_many(new_entries, timeout=timeout))
    return values


def cached_for_generation(name, build):
    """`build()`'s result, kept in the page cache's store until the next generation: for
    what every page shows (menus, site settings), even with the page cache off. Kept
    as stored pages are, with the generation it belongs to; None is kept too. This
    process holds a copy too, so that a request asks the cache only for the current
    generation, not for each value."""
    generation = kept_values_generation()
    if generation is None:
        return build()
    held_generation, held = held_values.get(name, (None, None))
    if held_generation == generation:
        return pickle.loads(held)
    value = stored_for_generation(generation, [name], lambda missing: {name: build()})[name]
    if len(held_values) >= HELD_VALUES_MAX:
        held_values.clear()
    held_values[name] = (generation, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def cached_many_for_generation(names, build):
    """Like `cached_for_generation`, for many values at once, with one request to the
    cache: for what many pages show in part (article cards, the newest articles of each
    category and tag). `build(missing)` returns the values of the names not kept for
    this generation, by name; a name it leaves out is left out of the result. Values
    are not held in this process: they are too many."""
    if not names:
        return {}
    generation = kept_values_generation()
    if generation is None:
        return build(names)
    return stored_for_generation(generation, names, build)


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
        with one_generation_per_request() as read_once:
            return self.respond(request, read_once)

    def respond(self, request, read_once):
        eligible = (
            request.method in ("GET", "HEAD")
            and reader_is_anonymous(request)
            and not getattr(request, "is_dummy", False)  # previews and moderation views
        )
        if not (eligible and settings.PAGE_CACHE_ENABLED):
            return self.finish(request, self.get_response(request), eligible, store=None)

        key = cache_key(request)
        generation, entry = unless_cache_down(lambda: look_up(key), fallback=(None, None))
        if generation is None:
            return self.finish(request, self.get_response(request), eligible, store=None)
        if entry is not None and entry["generation"] == generation:
            return self.serve_stored(entry)
        read_once.value = generation  # for the values pages show, read below

        response = self.get_response(request)
        return self.finish(request, response, eligible, store=(key, generation))

    def finish(self, request, response, eligible, store):
        if not self.is_cacheable_view(request):
            return response
        patch_vary_headers(response, ["Cookie"])
        if not (eligible and self.is_public(request, response)):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        set_response_etag(response)
        if store is not None and not self.is_restricted(request):
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
        entry = {"generation": generation, "headers": headers, "content": response.content}
        unless_cache_down(lambda: page_cache().set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT))

    @staticmethod
    def serve_stored(entry):
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
