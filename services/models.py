from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ServiceIndexPage(Page):
    intro = models.TextField(blank=True, max_length=500, help_text="Shown above the services.")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
