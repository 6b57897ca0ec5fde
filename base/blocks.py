"""The StreamField blocks every page type's body is written with, in one place."""

import re

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


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
    image = ImageBlock(
        help_text=(
            "The image's alt text is filled in from the image; check it describes what it "
            "shows here, or tick “Image is decorative” if it adds nothing to the text."
        )
    )
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with an optional caption"


class PageLinkBlock(blocks.PageChooserBlock):
    """A page to link to. Wagtail's chooser looks chosen pages up with all their fields,
    an article's whole body included: this looks them up with only what a link shows,
    which every page has, from Wagtail's page table alone, as plain pages, even where only
    articles may be chosen: one query for every link of a body. (The editor's chooser
    reads a few more, each fetched when read: one page being edited, a few queries.)"""

    # What blocks/related_article_block.html and blocks/call_to_action_block.html read of
    # a linked page: a field they come to show must be listed here, or costs a query.
    LINK_FIELDS = ["title", "url_path", "live"]

    def bulk_to_python(self, values):
        chosen = [pk for pk in values if pk is not None]
        # Unsorted: found by id, not listed (and Django spends longer preparing a sort by
        # tree path than the database spends on the lookup).
        pages = Page.objects.only(*self.LINK_FIELDS).order_by().in_bulk(chosen) if chosen else {}
        return [pages.get(value) for value in values]


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text='For example "Reach out today".')
    text = blocks.TextBlock(
        required=False, max_length=500, help_text="A sentence or two inviting the reader to act."
    )
    button_text = blocks.CharBlock(
        required=False, max_length=60, help_text='The button\'s words, for example "Contact us".'
    )
    button_page = PageLinkBlock(
        required=False,
        label="Button page",
        help_text="Where the button goes: a page of this site...",
    )
    button_url = blocks.URLBlock(
        required=False, label="Button address", help_text="...or a web address elsewhere."
    )
    show_contact_details = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Also show the phone number and email address from the site settings.",
    )

    class Meta:
        icon = "mail"
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "heading": "Reach out today",
            "text": "Call or write to us: a peer who has been there will answer.",
            "show_contact_details": True,
        }
        description = "An invitation to get in touch, with a button and contact details"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["button_text"] and not (value["button_page"] or value["button_url"]):
            errors["button_page"] = ValidationError("Choose a page or enter an address.")
        if value["button_page"] and value["button_url"]:
            errors["button_url"] = ValidationError("Choose a page or an address, not both.")
        if (value["button_page"] or value["button_url"]) and not value["button_text"]:
            errors["button_text"] = ValidationError("Give the button some words.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class ChosenArticlesBlock(blocks.StreamBlock):
    """The articles staff pick to suggest at the end of a page, in their order. Kept in
    the page's own row, not a table of their own: a page with none, as most are, costs
    no query to find that out."""

    # Not required: an article deleted since it was chosen comes back to the editor as an
    # empty chooser, which must not stop the page being saved (it is then left out).
    article = PageLinkBlock(
        page_type="blog.BlogPage",
        required=False,
        icon="doc-full",
        help_text="An article to suggest.",
    )

    @staticmethod
    def article_ids(value):
        """The ids of the articles chosen in `value`, in order, without fetching them."""
        return [child["value"] for child in value.raw_data if child["value"] is not None]


class RelatedArticleBlock(blocks.StructBlock):
    """A highlighted link to one article, in the run of the text. Not the "Suggested
    reading" a page ends with (its chosen articles)."""

    article = PageLinkBlock(page_type="blog.BlogPage", help_text="The article to point readers to.")

    class Meta:
        icon = "link"
        label = "Link to an article"
        template = "blocks/related_article_block.html"
        description = (
            "A highlighted “Related:” link to one article, placed in the text; the articles "
            "suggested at the end are chosen under Suggested reading"
        )


# Each provider's watch addresses, and the privacy-friendly player address for a video id.
VIDEO_PROVIDERS = {
    "YouTube": (
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)"
            r"|youtu\.be/)(?P<id>[\w-]{11})"
        ),
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
    ),
    "Vimeo": (
        re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d+)"),
        "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1",
    ),
}


def video_player(url):
    """(provider name, player address) for a YouTube or Vimeo link, or None."""
    for provider, (pattern, player) in VIDEO_PROVIDERS.items():
        match = pattern.match(url or "")
        if match:
            return provider, player.format(id=match["id"])
    return None


class VideoEmbedBlock(blocks.StructBlock):
    """A video that loads nothing from its provider until the reader presses play."""

    url = blocks.URLBlock(
        label="Video address", help_text="The video's address on YouTube or Vimeo."
    )
    title = blocks.CharBlock(
        max_length=120, help_text="What the video is about: shown on the play button."
    )

    class Meta:
        icon = "media"
        template = "blocks/video_embed_block.html"
        description = "A YouTube or Vimeo video, loaded only when the reader asks"

    def clean(self, value):
        value = super().clean(value)
        if video_player(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={"url": ValidationError("Use a YouTube or Vimeo video address.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["provider"], context["player_url"] = video_player(value["url"]) or ("", "")
        return context


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
        help_text=(
            "Start each list item with a bold lead-in, for example "
            "“Consistent presence: someone who shows up”."
        ),
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    related = RelatedArticleBlock()
    video = VideoEmbedBlock()
