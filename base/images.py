"""The image form of the admin (WAGTAILIMAGES_IMAGE_FORM_BASE: upload, edit, the chooser's
upload tab): Wagtail's, with the description asked for by name as the image's alt text, and
a limit on pixels that staff can read in the help text and understand in the error.
Apart from base/forms.py, which page models import: Wagtail's image forms can only be
imported once the models are loaded.

Making a rendition decodes the whole picture: about 8 bytes per pixel at the peak (`python
-m bench.rendition_memory`), so WAGTAILIMAGES_MAX_IMAGE_PIXELS bounds the memory a web
process or the task worker needs for one image. Pillow refuses to open a picture of more
than twice its own limit (a "decompression bomb": a small file of a huge picture); that
refusal is a form error too, not a server error."""

import math

from django.core.exceptions import ValidationError
from PIL.Image import DecompressionBombError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = (
    "What the image shows, for people who cannot see it (their screen reader reads this "
    "out): one sentence, as you would describe it on the phone, for example “Two people "
    "talking on a park bench”. Not needed for a draft; a page showing the image cannot be "
    "published without it."
)


def example_size(pixels):
    """Width and height, rounded down to hundreds, of a 8:5 picture of at most `pixels`."""
    width = int(math.sqrt(pixels * 8 / 5)) // 100 * 100
    return width, int(pixels / width) // 100 * 100


class ImageFileField(WagtailImageField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_image_pixels:
            width, height = example_size(self.max_image_pixels)
            self.limit_text = (
                f"{self.max_image_pixels / 1e6:g} million pixels (for example {width} × {height})"
            )
            self.help_text = f"{self.help_text} Largest picture: {self.limit_text}."

    def too_many_pixels(self, size_text):
        return ValidationError(
            f"This picture is too large: {size_text}. The site takes pictures of up to "
            f"{self.limit_text}. Please save a smaller copy (most photo apps can resize "
            "or export at a smaller size) and upload that.",
            code="file_too_many_pixels",
        )

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is None:
            return
        try:
            width, height = f.image.get_size()
            frames = f.image.get_frame_count()
        except DecompressionBombError as error:
            raise self.too_many_pixels("far more pixels than any photo") from error
        if width * height * frames > self.max_image_pixels:
            size = f"{width} × {height} pixels"
            if frames > 1:
                size += f" in each of {frames} frames"
            raise self.too_many_pixels(size)


class ImageForm(BaseImageForm):
    # Declared here for its checks, with Wagtail's widget, which fills in the title
    # from the file's name.
    file = ImageFileField(label="File", widget=BaseImageForm.Meta.widgets["file"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = "Alt text"
            self.fields["description"].help_text = ALT_TEXT_HELP
