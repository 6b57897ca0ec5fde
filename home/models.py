from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import BodyStreamBlock


class HomePage(Page):
    intro = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two under the site's name."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1


class StandardPage(Page):
    """About, privacy policy, accessibility statement and other plain pages."""

    intro = models.TextField(
        blank=True, max_length=500, help_text="A short opening paragraph, also the page summary."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The page's main content.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    subpage_types = ["home.StandardPage"]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and notices shown on every page, edited per site."""

    organisation_name = models.CharField(
        max_length=120, default="New Unity Inc.", help_text="Shown in the header and footer."
    )
    contact_email = models.EmailField(
        blank=True, default="hello@newunity.org", help_text="Public address readers can write to."
    )
    phone = models.CharField(
        max_length=40, blank=True, default="(555) 010-2040", help_text="Public phone number."
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
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("crisis_notice_enabled"), FieldPanel("crisis_notice")],
            heading="Crisis-support notice",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
