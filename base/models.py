"""The site-wide settings staff edit (contact details, key pages, the crisis notice, the
menus)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable

# The organisation's public email address and phone number: the settings' defaults, and
# what the page made without the database (base/views.py, a database outage) gives.
PUBLIC_EMAIL = "hello@newunity.org"
PUBLIC_PHONE = "(408) 599-6566"


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Contact details and notices shown on every page, edited per site."""

    organisation_name = models.CharField(
        max_length=120, default="New Unity Inc.", help_text="Shown in the header and footer."
    )
    contact_email = models.EmailField(
        blank=True, default=PUBLIC_EMAIL, help_text="Public address readers can write to."
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        default=PUBLIC_PHONE,
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
    # To any page, so that this app depends on none above it; the panels offer only the
    # contact form's type.
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="contact page",
        help_text=(
            'The page with the contact form. The "Talk to someone" and "Send us a message" '
            'buttons on the home page and the "Contact us about this service" button on '
            "each service lead there. While none is chosen, or while it is unpublished, "
            "those buttons are hidden."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="privacy policy",
        help_text=(
            "The page explaining what we keep when people contact us. The contact form "
            'links to it under its "not for emergencies" tick box.'
        ),
    )

    # Fetched with the settings: every page showing a link to them spends no query on it.
    select_related = ["contact_page", "privacy_page"]

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
        MultiFieldPanel(
            [
                PageChooserPanel("contact_page", page_type="forms.ContactFormPage"),
                FieldPanel("privacy_page"),
            ],
            heading="Key pages",
        ),
        InlinePanel("social_links", label="Social media link"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("crisis_notice_enabled"), FieldPanel("crisis_notice")],
            heading="Crisis-support notice",
        ),
    ]

    class Meta:
        db_table = "home_sitesettings"  # made when the home app held it
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def live_contact_page(self):
        """The contact page staff chose, or None while none is chosen or it is not live."""
        return live_or_none(self.contact_page)

    def live_privacy_page(self):
        """The privacy policy staff chose, or None while none is chosen or it is not live."""
        return live_or_none(self.privacy_page)


def live_or_none(page):
    return page if page is not None and page.live else None


class SocialLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=60, help_text='The network\'s name, like "Instagram".')
    url = models.URLField(verbose_name="address", help_text="The full address of the profile.")

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        db_table = "home_sociallink"  # made when the home app held it

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
        db_table = "home_navigationsettings"  # made when the home app held it
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

    class Meta(MenuItem.Meta):
        db_table = "home_mainmenuitem"  # made when the home app held it


class FooterMenuItem(MenuItem):
    settings = ParentalKey(
        NavigationSettings, on_delete=models.CASCADE, related_name="footer_menu_items"
    )

    class Meta(MenuItem.Meta):
        db_table = "home_footermenuitem"  # made when the home app held it


class Attempt(models.Model):
    """One attempt counted by a limit on guessing (`base/throttle.py`): which limit, a
    keyed hash of who tried what, and when. Kept in the database, so that no cache
    outage or eviction can start a limit's window again."""

    limit = models.CharField(max_length=40)
    key = models.CharField(max_length=64, help_text="A keyed hash of who tried what.")
    made_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["limit", "key", "made_at"])]

    def __str__(self):
        return f"{self.limit} attempt at {self.made_at:%Y-%m-%d %H:%M:%S}"
