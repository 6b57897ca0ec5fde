"""The page editor's form: images' alt text needed to publish, not to save a draft."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images import get_image_model


def missing_alt_text(image):
    """The error for an image without alt text: a link to add it, in a new tab, so that
    the page being edited stays as it is."""
    return format_html(
        "This image has no alt text yet. "
        '<a href="{}" target="_blank">Add alt text to “{}” (opens in a new tab)</a>, '
        "save it there, then publish again. Your draft can be saved meanwhile.",
        reverse("wagtailimages:edit", args=[image.pk]),
        image.title,
    )


class SitePageForm(WagtailAdminPageForm):
    """The page editor's form. Publishing, or submitting for moderation, needs every
    image chosen in the page's own fields (a feature image, a hero image) to have alt
    text; saving a draft does not (Wagtail defers what only publishing needs). Images in
    a body carry their alt text in the block, which Wagtail checks the same way."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            for name, value in list(cleaned_data.items()):
                if isinstance(value, get_image_model()) and not value.description:
                    self.add_error(name, missing_alt_text(value))
        return cleaned_data
