"""What every app's demo content loader uses: pages found by slug and images by title,
both left alone when they already exist, so that loading again changes nothing."""

import json
import random
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from .models import SiteSettings


def get_or_create_child(parent, page_class, slug, **fields):
    """The live child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def choose_key_page(page, field):
    """Name `page` in its site's settings as `field` ("contact_page", "privacy_page"),
    unless staff have already chosen one."""
    site_settings = SiteSettings.for_site(page.get_site())
    if getattr(site_settings, f"{field}_id") is None:
        setattr(site_settings, field, page)
        site_settings.save(update_fields=[field])


def demo_image(title, colours, size=(1200, 675)):
    """An image with this title, drawn once with Pillow as soft overlapping circles of
    `colours` (the first is the background): calm pictures without anyone's photograph."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = size
    picture = PILImage.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(picture)
    shapes = random.Random(title)  # The same title always draws the same picture.
    for colour in colours[1:] * 3:
        radius = shapes.randint(height // 5, height // 2)
        x, y = shapes.randint(0, width), shapes.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(radius=height // 20))
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    image = image_model(title=title, file=ImageFile(buffer, name=f"{slugify(title)}.jpg"))
    image.save()
    return image


def stream(*blocks):
    """StreamField content from ("heading", "text") and ("paragraph", "<p>html</p>") pairs."""
    return json.dumps(
        [
            {"type": "heading", "value": {"text": value, "level": "h2"}}
            if block_type == "heading"
            else {"type": block_type, "value": value}
            for block_type, value in blocks
        ]
    )
