"""The StreamField blocks every page type's body is written with, in one place."""

from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="The heading's words.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Sub-section (level 3)")],
        default="h2",
        help_text="Use level 2 for sections and level 3 inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "How peer support helps", "level": "h2"}
        description = "A section heading, with an anchor readers can link to"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600, help_text="The quotation, without quote marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Who said it (optional)."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Recovery is not a straight line, and nobody should walk it alone.",
            "attribution": "A peer mentor",
        }
        description = "A quotation with an optional attribution"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with an optional caption"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value=(
            "<ul><li><b>Consistent presence:</b> someone who shows up, week after week.</li></ul>"
        ),
        description="Text with bold, italic, links and lists",
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
