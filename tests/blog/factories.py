"""Builders for blog content in tests: small functions over the real models."""

import datetime
import io
import itertools
import json

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from base.demo import get_or_create_child
from blog.models import Author, BlogCategory, BlogIndexPage, BlogPage

_numbers = itertools.count(1)


def make_image(title=None, description="A soft green and blue gradient.", size=(1600, 900)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (90, 140, 130)).save(buffer, "JPEG")
    title = title or f"Test image {next(_numbers)}"
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def make_blog_index(home_page):
    return get_or_create_child(home_page, BlogIndexPage, "blog", title="Blog", intro="Our news.")


def make_category(name, description=""):
    category, _ = BlogCategory.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "description": description}
    )
    return category


def make_author(name="Dana Rivers", role="Peer mentor", bio="Dana runs our Tuesday group."):
    return Author.objects.create(name=name, role=role, bio=bio)


def paragraph(html):
    return ("paragraph", html)


def make_article(
    index,
    title=None,
    *,
    date=datetime.date(2025, 1, 1),
    summary="A short summary of the article.",
    body=(),
    categories=(),
    tags=(),
    author=None,
    image=None,
    related=(),
    live=True,
    with_revision=True,
):
    """An article under `index`; `body` holds (block type, raw JSON value) pairs.
    `with_revision=False` skips the revision history (much faster, for volume tests);
    the page is still live and public."""
    title = title or f"Article {next(_numbers)}"
    article = BlogPage(
        title=title,
        date=date,
        summary=summary,
        body=json.dumps(
            [
                {"type": block_type, "value": value}
                for block_type, value in (body or [paragraph(f"<p>Text of {title}.</p>")])
            ]
        ),
        author=author,
        feature_image=image,
        live=live and not with_revision,
    )
    article.categories = list(categories)
    article.chosen_articles = [("article", other) for other in related]
    article.tags.add(*tags)
    if not with_revision and live:
        article.first_published_at = article.last_published_at = timezone.now()
    index.add_child(instance=article)
    if with_revision:
        revision = article.save_revision()
        if live:
            revision.publish()
            article.refresh_from_db()
    return article


def make_private(page, password="secret"):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )
