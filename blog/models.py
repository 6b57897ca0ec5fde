import math
from functools import cached_property

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, Max, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_content_import.models import ContentImportMixin

from base.blocks import BodyStreamBlock, ChosenArticlesBlock
from base.forms import SitePageForm
from base.pages import SitePageMixin
from base.structured_data import absolute_url, as_script_json, breadcrumb_list

from .feeds import FEEDS
from .importing import fill_from_document
from .listings import Listing
from .structured_data import blog_posting

ARTICLES_PER_PAGE = 10
RELATED_ARTICLES = 3
WORDS_READ_PER_MINUTE = 200
# What an article's card shows (with the image's fields and the categories), and what
# its address is made from.
CARD_FIELDS = ["title", "url_path", "date", "summary", "search_description", "feature_image"]
# The panel of a page's chosen articles, under one name: the body's "Link to an article"
# block is something else.
SUGGESTED_READING = "Suggested reading"
# Categories are few: ticked in a list rather than picked from a multiple-select box.
CATEGORY_CHECKBOXES = forms.CheckboxSelectMultiple
TAGS_HELP_TEXT = (
    "A few words readers might look for, separated by commas. Articles sharing a tag are "
    "suggested when none are chosen."
)


def reading_minutes(body):
    """Minutes to read an article's body, at a relaxed reading pace; at least one."""
    text = " ".join(
        strip_tags(str(chunk)) for chunk in body.stream_block.get_searchable_content(body)
    )
    return max(1, math.ceil(len(text.split()) / WORDS_READ_PER_MINUTE))


class Author(models.Model):
    name = models.CharField(max_length=120, help_text="The author's name as readers see it.")
    role = models.CharField(
        max_length=120, blank=True, help_text='For example "Peer mentor" (optional).'
    )
    bio = models.TextField(
        blank=True, max_length=500, help_text="Two or three sentences about the author."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square photo works best (optional).",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class BlogCategory(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text="Shown on articles and listings.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The category's web address: /blog/category/<slug>/."
    )
    description = models.TextField(
        blank=True, max_length=300, help_text="Shown at the top of the category's listing."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "blog category"
        verbose_name_plural = "blog categories"

    def __str__(self):
        return self.name


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        # The listing of a much-used tag tests each article for the tag (see `linked_by`):
        # this finds the article's row at once, where the tag's index would go through
        # every article with the tag.
        indexes = [models.Index(fields=["content_object", "tag"], name="blog_page_tag_article")]


class RelatedArticlesMixin(ClusterableModel):
    """What a page suggests reading next (an article, a service): the articles staff
    choose, or else the newest sharing one of its categories or tags. Each page type
    declares its `tags`, which need a through model of their own:
    `ClusterTaggableManager(through=..., blank=True, help_text=TAGS_HELP_TEXT)`."""

    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        blank=True,
        help_text=(
            "What this page is about: tick one or more. Articles in these categories are "
            "suggested to its readers when none are chosen. A category missing from the list "
            "is added by a Content lead."
        ),
    )
    chosen_articles = StreamField(
        ChosenArticlesBlock(),
        blank=True,
        verbose_name="articles to suggest",
        max_num=RELATED_ARTICLES,
        help_text=(
            "Pick the articles to suggest, in order. Leave empty to suggest the newest "
            "articles sharing a category or tag."
        ),
    )

    class Meta:
        abstract = True

    @cached_property
    def category_list(self):
        return list(self.categories.all())

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def related_article_ids(self):
        """The ids of the articles to suggest, never this page itself."""
        return related_article_ids(
            chosen_ids=ChosenArticlesBlock.article_ids(self.chosen_articles),
            category_ids=[category.pk for category in self.category_list],
            tag_ids=[tag.pk for tag in self.tag_list],
            leaving_out=self.pk,
        )


class BlogPageQuerySet(PageQuerySet):
    def for_cards(self):
        """Everything `blog/includes/article_card.html` shows, in a fixed number of queries,
        and only that: each column fetched costs Django time to select and to load."""
        return (
            self.only(*CARD_FIELDS)
            .select_related("feature_image")
            .prefetch_related(
                Prefetch("categories", queryset=BlogCategory.objects.order_by("name")),
                # Under the name Wagtail's image tags look for prefetched renditions.
                Prefetch(
                    "feature_image__renditions",
                    queryset=get_image_model().get_rendition_model().objects.all(),
                    to_attr="prefetched_renditions",
                ),
            )
        )

    def ids(self):
        """The articles' ids, in order: what their cards are found by (see
        `blog_tags.article_cards`)."""
        return self.values_list("pk", flat=True)

    def newest_first(self):
        return self.order_by("-date", "-pk")

    def in_category(self, category, walk):
        links = BlogPage.categories.through.objects.filter(blogcategory=category)
        return self.linked_by(links, "blogpage", walk)

    def tagged(self, tag, walk):
        return self.linked_by(BlogPageTag.objects.filter(tag=tag), "content_object", walk)

    def linked_by(self, links, field, walk):
        """The articles `links` point to in their `field`. With `walk`, each article is
        tested (EXISTS) so that, ordered newest first, the database walks the newest-first
        index and stops once it has enough; without, they are gathered through `links`,
        which costs less when they are few among many."""
        if walk:
            return self.filter(Exists(links.filter(**{field: OuterRef("pk")})))
        return self.filter(pk__in=links.values(field))


BlogPageManager = PageManager.from_queryset(BlogPageQuerySet)


class ListingPaginator(Paginator):
    """A listing's pages of article ids (see `blog_tags.article_cards`), from the
    listing's own count."""

    def __init__(self, listing):
        super().__init__(listing.articles().ids(), ARTICLES_PER_PAGE)
        self.listing = listing

    @cached_property
    def count(self):
        return self.listing.count


class BlogIndexPage(RoutablePageMixin, SitePageMixin, Page):
    summary_field = "intro"
    cache_query_parameters = ("page",)

    intro = models.TextField(blank=True, max_length=500, help_text="Shown above the articles.")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    page_description = "The blog's front page, listing every article newest first. One per site."
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count = 1

    def articles(self):
        # Being a child of this index is tested per article (EXISTS) rather than joined on
        # the tree path: the database then walks the newest-first index and stops after
        # one page, instead of gathering and sorting every article.
        children = Page.objects.child_of(self).filter(pk=OuterRef("pk"))
        return BlogPage.objects.filter(Exists(children)).live().public().newest_first()

    def render_listing(self, request, listing):
        """The index template, for all articles or for a category or tag."""
        paginator = ListingPaginator(listing)
        # get_page() turns a missing, malformed or out-of-range number into a valid page.
        page_obj = paginator.get_page(request.GET.get("page"))
        canonical_url = listing.url(request)
        if page_obj.number > 1:
            canonical_url += f"?page={page_obj.number}"
        return self.render(
            request,
            context_overrides={
                "listing": listing,
                "articles": page_obj,
                "canonical_url": canonical_url,
                "categories": BlogCategory.objects.all(),
            },
        )

    def serve_feed(self, request, listing, kind):
        if kind not in FEEDS:
            raise Http404("No such feed format.")
        return FEEDS[kind]()(request, listing=listing)

    @path("")
    def all_articles(self, request):
        return self.render_listing(request, Listing(self))

    @path("category/<slug:slug>/", name="category")
    def category_listing(self, request, slug):
        category = get_object_or_404(BlogCategory, slug=slug)
        return self.render_listing(request, Listing(self, category=category))

    @path("tag/<slug:slug>/", name="tag")
    def tag_listing(self, request, slug):
        return self.render_listing(request, Listing(self, tag=get_object_or_404(Tag, slug=slug)))

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return self.serve_feed(request, Listing(self), kind)

    @path("category/<slug:slug>/feed/<str:kind>/", name="category_feed")
    def category_feed(self, request, slug, kind):
        category = get_object_or_404(BlogCategory, slug=slug)
        return self.serve_feed(request, Listing(self, category=category), kind)

    @path("tag/<slug:slug>/feed/<str:kind>/", name="tag_feed")
    def tag_feed(self, request, slug, kind):
        tag = get_object_or_404(Tag, slug=slug)
        return self.serve_feed(request, Listing(self, tag=tag), kind)

    def get_sitemap_urls(self, request=None):
        """The index itself, then a listing per category that has articles, as fresh as
        its newest change."""
        urls = super().get_sitemap_urls(request)
        used = (
            BlogCategory.objects.filter(blogpage__in=self.articles().values("pk"))
            .annotate(lastmod=Max("blogpage__last_published_at"))
            .order_by("slug")
        )
        for category in used:
            urls.append(
                {
                    "location": Listing(self, category=category).url(request),
                    "lastmod": category.lastmod,
                }
            )
        return urls


class BlogPage(ContentImportMixin, RelatedArticlesMixin, SitePageMixin, Page):
    summary_field = "summary"

    date = models.DateField(
        "posted date",
        null=True,
        blank=True,
        help_text="Leave empty to use the day the article is first published.",
    )
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=(
            "Who wrote the article (optional). Not in the list? Content leads can add "
            "an author from the chooser; Editors, ask a Content lead."
        ),
    )
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two sentences. Shown on cards, in feeds and to search engines, "
            "so say what the reader will get from the article."
        ),
    )
    feature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown at the top of the article, on cards and when the article is shared. "
            "The image needs alt text before the article is published."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        help_text=(
            "Start with an opening quote, then sections with headings. End with a call to action."
        ),
    )
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, help_text=TAGS_HELP_TEXT)
    # Counted from the body whenever the page is validated (before every save, revision
    # and preview) rather than on every view: walking the body's blocks for their words
    # costs more than showing them.
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes to read the body."
    )

    objects = BlogPageManager()

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("summary")],
            heading="About the article",
        ),
        FieldPanel("feature_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=CATEGORY_CHECKBOXES), FieldPanel("tags")],
            heading="Categories and tags",
        ),
        FieldPanel("chosen_articles", heading=SUGGESTED_READING),
    ]

    base_form_class = SitePageForm
    page_description = (
        "A blog post: a story, news or advice, with an author, a summary, categories and tags."
    )
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"
        # Listings, related articles and the home page all sort newest first.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="blog_page_newest_first")]

    def default_date_to_first_publication(self):
        if self.date is None and self.first_published_at is not None:
            self.date = timezone.localdate(self.first_published_at)

    def save(self, *args, **kwargs):
        # The posted date defaults to the first publication; editors may change it later.
        self.default_date_to_first_publication()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # Drafts saved before the first publication carry no date: show editors the real one.
        page = super().with_content_json(content)
        page.default_date_to_first_publication()
        if "reading_time" not in content:  # saved before the reading time was stored
            page.reading_time = reading_minutes(page.body)
        return page

    def update_from_import(self, parsed_doc, user):
        """Filled from a Word document uploaded in the editor (blog/wagtail_hooks.py)."""
        site = self.get_site() if self.pk else Site.objects.filter(is_default_site=True).first()
        fill_from_document(self, parsed_doc, user, site)

    def full_clean(self, *args, **kwargs):
        self.reading_time = reading_minutes(self.body)
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The author with their photo, in one query rather than two.
        authors = Author.objects.select_related("photo")
        prefetch_related_objects([self], Prefetch("author", queryset=authors))
        share_image = None
        if self.feature_image:
            share_image = self.feature_image.get_rendition("fill-1200x630|format-jpeg")
        context["share_image"] = share_image
        context["share_image_url"] = share_image and absolute_url(request, share_image.url)
        context["blog_index"] = self.get_parent().specific
        context["structured_data"] = [
            as_script_json(blog_posting(self, request, share_image)),
            as_script_json(breadcrumb_list(self, request)),
        ]
        return context


def related_article_ids(chosen_ids, category_ids, tag_ids, leaving_out=None):
    """The ids of the articles staff chose, in their order; otherwise of the newest
    sharing a category or a tag, other than the article `leaving_out`. Ids, not
    querysets: in a preview, the page's chosen articles, categories and tags are not
    saved yet."""
    if chosen_ids:
        shown = set(BlogPage.objects.live().public().filter(pk__in=chosen_ids).ids())
        return [pk for pk in chosen_ids if pk in shown][:RELATED_ARTICLES]
    if not (category_ids or tag_ids):
        return []
    # Each article is tested for a shared category or tag (EXISTS): newest first, the
    # database walks the newest-first index and stops at the first matches. One test of
    # both kinds of link (UNION ALL), not two joined by OR: given an OR, PostgreSQL first
    # gathers every article of the categories and of the tags, a cost that grows with
    # their number (13 ms at 10,000 articles).
    in_categories = BlogPage.categories.through.objects.filter(
        blogpage=OuterRef("pk"), blogcategory__in=category_ids
    ).values("pk")
    tagged = BlogPageTag.objects.filter(content_object=OuterRef("pk"), tag__in=tag_ids).values("pk")
    sharing = BlogPage.objects.filter(Exists(in_categories.union(tagged, all=True)))
    if leaving_out is not None:
        sharing = sharing.exclude(pk=leaving_out)
    return list(sharing.live().public().newest_first().ids()[:RELATED_ARTICLES])
