"""The admin's image form: the alt text asked for by name. Apart from base/forms.py,
which page models import: Wagtail's image forms can only be imported once the models
are loaded."""

from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = (
    "What the image shows, for people who cannot see it (their screen reader reads this "
    "out): one sentence, as you would describe it on the phone, for example “Two people "
    "talking on a park bench”. Not needed for a draft; a page showing the image cannot be "
    "published without it."
)


class ImageForm(BaseImageForm):
    """Wagtail's image form (upload, edit, the chooser's upload tab), with its
    description named for what the site uses it as: the image's alt text.
    (WAGTAILIMAGES_IMAGE_FORM_BASE)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = "Alt text"
            self.fields["description"].help_text = ALT_TEXT_HELP
