from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from newunity.page_cache import cached_for_generation
from newunity.pages import SitePageMixin

from .blocks import BodyStreamBlock
from .structured_data import as_script_json


def in_chosen_order(queryset, ids):
    """The pages of `queryset` whose ids are in `ids`, in that order. Staff choose
    pages in inline panels; fetching them in one query keeps the page's query count
    constant, and reading the ids from the (possibly unsaved) inline keeps previews true."""
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def contact_page_for(request):
    """The live contact page of the request's site, or None until there is one."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Imported here: other apps build on this module, so it imports them lazily.
    from forms.models import ContactFormPage

    # Only a publish, unpublish, move or privacy change moves it: kept until then.
    return cached_for_generation(
        f"contact-page:{site.pk}",
        lambda: (
            ContactFormPage.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .first()
        ),
    )


class HomePage(SitePageMixin, Page):
    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The big heading at the top. Leave empty to use the page title.",
    )
    hero_text = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two under the heading."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A welcoming photo beside the heading (optional).",
    )
    hero_button_text = models.CharField(
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
        blank=True,
        max_length=600,
        help_text="An optional quotation, without quote marks. Leave empty to hide it.",
    )
    quote_attribution = models.CharField(
        max_length=120, blank=True, help_text="Who said it (optional)."
    )
    cta_heading = models.CharField(
        max_length=120,
        default="Reach out when you're ready",
        help_text="Heading of the closing section with the phone number and email address.",
    )
    cta_text = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two inviting readers to get in touch."
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

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        # Imported here: other apps build on this module, so it imports them lazily.
        from blog.models import BlogPage
        from services.models import ServiceIndexPage, ServicePage

        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = contact_page_for(request)
        context["featured_services"] = in_chosen_order(
            ServicePage.objects.live().public().for_cards(),
            [item.service_id for item in self.featured_services.all()],
        )
        context["services_index"] = cached_for_generation(
            f"services-index:{self.pk}",
            lambda: ServiceIndexPage.objects.child_of(self).live().first(),
        )
        context["latest_article_ids"] = BlogPage.objects.live().public().newest_first().ids()[:3]
        context["structured_data"] = as_script_json(self.structured_data(request))
        return context

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

    intro = models.TextField(
        blank=True, max_length=500, help_text="A short opening paragraph, also the page summary."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The page's main content.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    subpage_types = ["home.StandardPage"]


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Contact details and notices shown on every page, edited per site."""

    organisation_name = models.CharField(
        max_length=120, default="New Unity Inc.", help_text="Shown in the header and footer."
    )
    contact_email = models.EmailField(
        blank=True, default="hello@newunity.org", help_text="Public address readers can write to."
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        default="(555) 010-2040",
        help_text="Public phone number, written as readers should see it.",
    )
    address = models.TextField(
        blank=True, max_length=300, help_text="Postal address, one line each."
    )
    opening_hours = models.CharField(
        max_length=200, blank=True, help_text='For example "Monday to Friday, 9am to 5pm".'
    )
    footer_text = models.TextField(
        blank=True, max_length=500, help_text="A short line at the foot of every page."
    )
    crisis_notice_enabled = models.BooleanField(
        default=True,
        verbose_name="show the crisis-support notice",
        help_text="Shown on every page.",
    )
    crisis_notice = RichTextField(
        features=["bold", "link"],
        default=(
            "<p>In crisis or thinking about suicide? Call or text <b>988</b>, the "
            "Suicide &amp; Crisis Lifeline, any time. In an emergency, call 911.</p>"
        ),
        help_text="Keep it short: it sits at the top of every page.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading="Contact details",
        ),
        InlinePanel("social_links", label="Social media link"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("crisis_notice_enabled"), FieldPanel("crisis_notice")],
            heading="Crisis-support notice",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    @classmethod
    def for_request(cls, request):
        """The settings every page shows, read from the cache until any change a reader
        could see (newunity.page_cache), so that pages spend no query on them."""
        site = Site.find_for_request(request)
        if site is not None and not hasattr(request, cls.get_cache_attr_name()):
            cached = cached_for_generation(f"site-settings:{site.pk}", lambda: cls.load_for(site))
            setattr(request, cls.get_cache_attr_name(), cached)
        return super().for_request(request)

    @classmethod
    def load_for(cls, site):
        site_settings = cls.for_site(site)
        # Held in memory, so they are cached with the settings.
        site_settings.social_links = list(site_settings.social_links.all())
        return site_settings


class SocialLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=60, help_text='The network\'s name, like "Instagram".')
    url = models.URLField(verbose_name="URL", help_text="The full address of the profile.")

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu in the header and the smaller menu in the footer."""

    panels = [
        InlinePanel("main_menu_items", label="Main menu link"),
        InlinePanel("footer_menu_items", label="Footer menu link"),
    ]

    class Meta:
        verbose_name = "navigation"
        verbose_name_plural = "navigation"


class MenuItem(Orderable):
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="page",
        help_text="A page of this site. Choose a page or enter an address, not both.",
    )
    link_url = models.URLField(
        blank=True,
        verbose_name="address",
        help_text="A full web address elsewhere, used when no page is chosen.",
    )
    link_text = models.CharField(
        max_length=60,
        blank=True,
        verbose_name="text",
        help_text="The link's words. Leave empty to use the page's title.",
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError("Choose a page or enter an address (one of the two).")
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": "Give the link some words to show."})

    def __str__(self):
        return self.link_text or (self.link_page.title if self.link_page else self.link_url)


class MainMenuItem(MenuItem):
    settings = ParentalKey(
        NavigationSettings, on_delete=models.CASCADE, related_name="main_menu_items"
    )


class FooterMenuItem(MenuItem):
    settings = ParentalKey(
        NavigationSettings, on_delete=models.CASCADE, related_name="footer_menu_items"
    )
