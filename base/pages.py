"""What every page type of the site shares: routing and privacy checks that spend no
query on what the whole site already knows.

Wagtail routes a request one level at a time, fetching each page on the way twice (as
a page, then as its own type), and checks view restrictions with two queries on every
page view. The sections a request passes through or stops at (the pages with pages
under them), which pages are private (have view restrictions) and which are aliases
(whose restrictions are their source's) change only when an editor changes them, and
every such change starts a new cache generation: all three are kept until then.
"""

from functools import cached_property

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .page_cache import cached_for_generation


def private_sections():
    """The tree paths of the pages with view restrictions, and of the alias pages."""

    def build():
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        return tuple(restricted), tuple(aliases)

    return cached_for_generation("private-sections", build)


def sections():
    """The pages with pages under them, as their own types, by URL path: what routing
    passes through on the way to a deeper page, or stops at. A handful, however many
    articles."""

    if not settings.SITE_CHROME_CACHE_ENABLED:
        return {}  # fetching them all on every request would cost more than routing does

    def build():
        pages = Page.objects.filter(depth__gt=2, numchild__gt=0).specific()
        return {page.url_path: page for page in pages}

    return cached_for_generation("sections", build)


def the_one(pages):
    """The page `pages` holds, or None. Unlike `first()`, without sorting: a slug names
    at most one page among its siblings, and with a page's many columns Django
    spends longer preparing a sort than the database spends on the whole lookup."""
    return next(iter(pages.order_by()[:1]), None)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Pages at or under a restricted page, as Wagtail's `public()` excludes them."""
        restricted, _ = private_sections()
        private = Q()
        for path in restricted:
            private |= Q(path__startswith=path)
        return private or Q(pk__in=[])


class SitePageMixin:
    """For every page type of the site, before Wagtail's page class:
    `class ArticlePage(SitePageMixin, Page)`.

    `summary_field` names the field holding the page's summary: the meta description, the
    search results and the cards all read it, through `listing_summary`."""

    summary_field = None

    @property
    def listing_summary(self):
        """The page's search description, else its own summary: one or two sentences."""
        if self.search_description:
            return self.search_description
        return (
            strip_tags(str(getattr(self, self.summary_field, "") or ""))
            if self.summary_field
            else ""
        )

    def get_view_restrictions(self):
        restricted, aliases = private_sections()
        # A page is private only at or under a restricted page. An alias, or a page under
        # one, takes its source's restrictions: Wagtail resolves those.
        if self.path.startswith(restricted + aliases):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def get_url_parts(self, request=None):
        # A view asks for a page's address again and again (the canonical link, the
        # sharing tags, the structured data, the breadcrumbs, each category's link):
        # it is worked out once per request, from its tree path, as Wagtail keeps the
        # sites' root paths for the request.
        if request is None:
            return super().get_url_parts(request)
        known = request.__dict__.setdefault("page_url_parts", {})
        if self.url_path not in known:
            known[self.url_path] = super().get_url_parts(request)
        return known[self.url_path]

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        # A section is known without a query, whether the request passes through it or
        # stops at it (the blog, the services).
        child = sections().get(self.subpage_path(slug))
        if child is None:
            child = self.section_named(slug) if remaining else self.subpage_named(slug)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # read by get_parent(): see breadcrumb_trail
        return child.route(request, remaining)

    def section_named(self, slug):
        """The subpage `slug`, which the request passes through on its way deeper."""
        # Fetched as its own type without its own fields, which routing does not read:
        # one query instead of two. (A routable page that answers the rest of the path
        # itself, like the blog's listings, then reads its fields when it shows them.)
        return self.subpage_among(Page.objects.specific(defer=True), slug)

    def subpage_named(self, slug):
        """The subpage `slug`, as its own type. Under a page that takes one type of
        subpage (the services, a page's own subpages), fetched as that type: one query
        instead of two."""
        subpage_types = self.clean_subpage_models()
        if len(subpage_types) == 1:
            subpage = self.subpage_among(self.pages_of_type(subpage_types[0]), slug)
            if subpage is not None:
                return subpage
            # Page type rules apply to new pages: one made before them keeps its place.
        return self.subpage_among(Page.objects.specific(), slug)

    def subpage_path(self, slug):
        """The URL path Wagtail keeps for this page's subpage `slug`, and makes its
        address from."""
        return f"{self.url_path}{slug}/"

    def subpage_among(self, pages, slug):
        """The subpage `slug` among `pages`, found by its URL path (through the slug's
        index): one equality, where Django spends longer preparing the tree's tests
        for a child than the database spends on the whole lookup."""
        return the_one(pages.filter(slug=slug, url_path=self.subpage_path(slug)))

    def pages_of_type(self, page_type):
        """Where `subpage_named` looks for a subpage of the one type this page takes. A
        page type may fetch what its subpages show along with them."""
        return page_type.objects.all()

    @cached_property
    def breadcrumb_trail(self):
        """The page's ancestors from the home page down, as routing fetched them on the
        way here (one query per level for a page reached otherwise, as in a preview)."""
        trail = []
        page = self
        while page.depth > 2:
            page = page.get_parent()
            trail.append(page)
        return trail[::-1]
