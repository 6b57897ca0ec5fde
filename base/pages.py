"""What every page type of the site shares."""

from functools import cached_property

from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class SitePageMixin:
    """For every page type of the site, before Wagtail's page class:
    `class ArticlePage(SitePageMixin, Page)`.

    `summary_field` names the field holding the page's summary: the meta description, the
    search results and the cards all read it, through `listing_summary`.
    `cache_query_parameters` lists the query parameters its content depends on."""

    summary_field = None
    # The query parameters the page's content depends on (e.g. "page" for a listing):
    # the page cache stores no response to an address with any other.
    cache_query_parameters = ()

    # Wagtail's "For search engines" panel, without its "Show in menus" box: the menus
    # are the links staff list under Settings > Navigation, which that box does not touch.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="For search engines",
        )
    ]

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

    @cached_property
    def breadcrumb_trail(self):
        """The page's ancestors from the home page down (below the tree's root), in one
        query, with only what the breadcrumbs show: their titles and addresses."""
        return list(self.get_ancestors().filter(depth__gt=1).only("title", "url_path"))
