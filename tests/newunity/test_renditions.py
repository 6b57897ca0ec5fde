"""Renditions are made when a page is published, so the first reader does not wait."""

import re

from wagtail.images import get_image_model

from tests.factories import make_article, make_blog_index, make_image


def rendition_count():
    return get_image_model().get_rendition_model().objects.count()


def test_publishing_makes_the_renditions_readers_need(
    home_page, client, django_capture_on_commit_callbacks
):
    index = make_blog_index(home_page)
    image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(index, image=image)
    made_on_publish = rendition_count()
    assert made_on_publish > 0

    for url in (article.url, index.url, "/"):
        assert client.get(url).status_code == 200
        assert rendition_count() == made_on_publish, f"{url} made renditions while serving"
    formats = {re.search(r"format-(\w+)", r.filter_spec)[1] for r in image.renditions.all()}
    assert {"avif", "webp", "jpeg"} <= formats


def test_pages_without_images_are_skipped(home_page, django_capture_on_commit_callbacks):
    index = make_blog_index(home_page)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(index)
    assert rendition_count() == 0
