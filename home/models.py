from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from base.blocks import BodyStreamBlock
from base.forms import SitePageForm
from base.models import SiteSettings
from base.pages import SitePageMixin
from base.structured_data import as_script_json
from blog.models import BlogPage
from services.models import ServiceIndexPage, ServicePage


def in_chosen_order(queryset, ids):
    """The pages of `queryset` whose ids are in `ids`, in that order. Staff choose
    pages in inline panels; fetching them in one query keeps the page's query count
    constant, and reading the ids from the (possibly unsaved) inline keeps previews true."""
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


class HomePage(SitePageMixin, Page):
    summary_field = "hero_text"

    hero_heading = models.CharField(
        "welcome heading",
        max_length=120,
        blank=True,
        help_text="The big heading at the top. Leave empty to use the page title.",
    )
    hero_text = models.TextField(
        "welcome text", blank=True, max_length=500, help_text="A sentence or two under the heading."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="welcome image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A welcoming photo beside the heading (optional).",
    )
    hero_button_text = models.CharField(
        "button text",
        max_length=60,
        default="Talk to someone",
        help_text="The words on the button that opens the contact form.",
    )
    services_heading = models.CharField(
        max_length=120, default="How we can help", help_text="Heading above the featured services."
    )
    articles_heading = models.CharField(
        max_length=120,
        default="From the blog",
        help_text="Heading above the three newest articles, which appear automatically.",
    )
    quote_text = models.TextField(
        "quote",
        blank=True,
        max_length=600,
        help_text="An optional quotation, without quote marks. Leave empty to hide it.",
    )
    quote_attribution = models.CharField(
        max_length=120, blank=True, help_text="Who said it (optional)."
    )
    cta_heading = models.CharField(
        "call-to-action heading",
        max_length=120,
        default="Reach out when you're ready",
        help_text="Heading of the closing section with the phone number and email address.",
    )
    cta_text = models.TextField(
        "call-to-action text",
        blank=True,
        max_length=500,
        help_text="A sentence or two inviting readers to get in touch.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_button_text"),
            ],
            heading="Welcome",
        ),
        MultiFieldPanel(
            [
                FieldPanel("services_heading"),
                InlinePanel("featured_services", label="Featured service"),
            ],
            heading="Featured services",
        ),
        FieldPanel("articles_heading"),
        MultiFieldPanel(
            [FieldPanel("quote_text"), FieldPanel("quote_attribution")], heading="Quote"
        ),
        MultiFieldPanel(
            [FieldPanel("cta_heading"), FieldPanel("cta_text")], heading="Closing invitation"
        ),
    ]

    base_form_class = SitePageForm
    page_description = "The site's front page: the welcome, featured services and newest articles."
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = SiteSettings.for_request(request).live_contact_page()
        context["featured_services"] = in_chosen_order(
            ServicePage.objects.live().public().for_cards(),
            [item.service_id for item in self.featured_services.all()],
        )
        context["services_index"] = ServiceIndexPage.objects.child_of(self).live().first()
        context["structured_data"] = [as_script_json(self.structured_data(request))]
        return context

    def latest_article_ids(self):
        """The three newest articles, for "From the blog"."""
        return BlogPage.objects.live().public().newest_first().ids()[:3]

    def structured_data(self, request):
        """schema.org Organization and WebSite (with the site search) as JSON-LD."""
        site_settings = SiteSettings.for_request(request)
        site_root_url = Site.find_for_request(request).root_url
        home_url = self.get_full_url(request)
        organisation = {
            "@type": "Organization",
            "@id": f"{home_url}#organization",
            "name": site_settings.organisation_name,
            "url": home_url,
        }
        if site_settings.contact_email:
            organisation["email"] = site_settings.contact_email
        if site_settings.phone:
            organisation["telephone"] = site_settings.phone
        if site_settings.address:
            organisation["address"] = ", ".join(site_settings.address.splitlines())
        same_as = [link.url for link in site_settings.social_links.all()]
        if same_as:
            organisation["sameAs"] = same_as
        website = {
            "@type": "WebSite",
            "name": site_settings.organisation_name,
            "url": home_url,
            "publisher": {"@id": organisation["@id"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": site_root_url
                    + reverse("search")
                    + "?query={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
        return {"@context": "https://schema.org", "@graph": [organisation, website]}


class HomePageFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_services")
    service = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A service to show on the home page.",
    )

    panels = [FieldPanel("service")]


class StandardPage(SitePageMixin, Page):
    """About, privacy policy, accessibility statement and other plain pages."""

    summary_field = "intro"

    intro = models.TextField(
        blank=True, max_length=500, help_text="A short opening paragraph, also the page summary."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The page's main content.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    page_description = (
        "A plain page of text, like About us, the privacy policy or the accessibility "
        "statement. It can hold pages of its own."
    )
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
