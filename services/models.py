from django.db import models
from django.db.models import Prefetch
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from base.blocks import BodyStreamBlock
from base.forms import SitePageForm
from base.models import SiteSettings
from base.pages import SitePageMixin
from base.structured_data import as_script_json, breadcrumb_list, organisation
from blog.models import (
    CATEGORY_CHECKBOXES,
    SUGGESTED_READING,
    TAGS_HELP_TEXT,
    RelatedArticlesMixin,
)

# What a service's card shows (with its image), and what its address is made from.
CARD_FIELDS = ["title", "url_path", "summary", "search_description", "image", "format", "cost"]


class ServiceIndexPage(SitePageMixin, Page):
    summary_field = "intro"

    intro = models.TextField(blank=True, max_length=500, help_text="Shown above the services.")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    page_description = "The page listing every service, each with its card. One per site."
    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self).live().public().for_cards().order_by("path")
        )
        return context


class ServicePageQuerySet(PageQuerySet):
    def for_cards(self):
        """Everything services/includes/service_card.html shows, in a fixed number of
        queries, and only that (as article cards do)."""
        renditions = get_image_model().get_rendition_model().objects.all()
        return (
            self.only(*CARD_FIELDS)
            .select_related("image")
            # Under the name Wagtail's image tags look for prefetched renditions.
            .prefetch_related(
                Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")
            )
        )


class ServiceFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person or online"


class ServicePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "services.ServicePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ServicePage(RelatedArticlesMixin, SitePageMixin, Page):
    summary_field = "summary"

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for the service's card and search results.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A photo for the card and the top of the page (optional).",
    )
    who_it_is_for = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        verbose_name="who it is for",
        help_text="Who the service suits, in plain words. A short list works well.",
    )
    what_to_expect = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="What happens when someone comes along, from the first contact on.",
    )
    body = StreamField(
        BodyStreamBlock(), blank=True, help_text="Anything else readers should know."
    )
    format = models.CharField(
        max_length=20,
        choices=ServiceFormat.choices,
        default=ServiceFormat.BOTH,
        help_text="Where the service takes place.",
    )
    schedule = models.CharField(
        max_length=200, blank=True, help_text='When it runs, like "Tuesdays, 6pm to 7:30pm".'
    )
    location = models.CharField(
        max_length=200, blank=True, help_text='Where it runs, like "Community room, 12 Elm St".'
    )
    cost = models.CharField(
        max_length=100, blank=True, default="Free", help_text='What it costs, like "Free".'
    )
    tags = ClusterTaggableManager(through=ServicePageTag, blank=True, help_text=TAGS_HELP_TEXT)

    objects = PageManager.from_queryset(ServicePageQuerySet)()

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_it_is_for"),
        index.SearchField("what_to_expect"),
        index.SearchField("body"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("who_it_is_for"),
        FieldPanel("what_to_expect"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("schedule"),
                FieldPanel("location"),
                FieldPanel("cost"),
            ],
            heading="Practical details",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("chosen_articles"),
                FieldPanel("categories", widget=CATEGORY_CHECKBOXES),
                FieldPanel("tags"),
            ],
            heading=SUGGESTED_READING,
        ),
    ]

    base_form_class = SitePageForm
    page_description = (
        "One service, like a support group or one-to-one peer support: who it is for, "
        "what to expect, when and where it runs, and what it costs."
    )
    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = ["meetings.GroupPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = SiteSettings.for_request(request).live_contact_page()
        context["related_article_ids"] = self.related_article_ids()
        context["structured_data"] = [
            as_script_json(self.structured_data(request)),
            as_script_json(breadcrumb_list(self, request)),
        ]
        return context

    def structured_data(self, request):
        """schema.org Service as JSON-LD."""
        data = {
            "@context": "https://schema.org",
            "@type": "Service",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "serviceType": self.title,
            "provider": organisation(request),
        }
        if self.cost:
            data["offers"] = {"@type": "Offer", "description": self.cost}
            if self.cost.strip().lower() == "free":
                data["offers"].update(price="0", priceCurrency="USD")
        return data
