"""The article editor's "Import from a Word document (.docx)" button, through the admin's
own views (the browser journey is in tests/browser/test_importing.py)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from blog.models import BlogPage
from tests.blog.word import LINK, make_editor, word_document
from tests.factories import make_article, make_blog_index, make_contact_page

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def editor_client(client, home_page):
    client.force_login(make_editor(home_page))
    return client


def upload(content, name="finding-your-people.docx"):
    return {"word-document": SimpleUploadedFile(name, content, content_type=DOCX)}


def test_the_new_article_form_offers_the_import(editor_client, home_page):
    blog = make_blog_index(home_page)
    response = editor_client.get(f"/admin/pages/add/blog/blogpage/{blog.pk}/")
    assert "Import from a Word document (.docx)" in response.content.decode()
    assert 'name="word-document"' in response.content.decode()


def test_a_word_document_fills_the_new_article_form(editor_client, home_page):
    blog = make_blog_index(home_page)
    make_contact_page(home_page)
    response = editor_client.post(
        f"/admin/pages/add/blog/blogpage/{blog.pk}/", upload(word_document().read())
    )
    assert response.status_code == 200
    page = response.context["page"]
    assert page.title == "Finding Your People"
    assert page.slug == "finding-your-people"
    assert page.summary == "Recovery is easier with company. This is how our members found theirs."
    assert [block.block_type for block in page.body] == [
        "paragraph",
        "quote",
        "heading",
        "paragraph",
        "image",
    ]
    assert page.body[1].value["text"] == "It got better when I stopped doing it alone."
    assert page.body[2].value["text"] == "Where to start"
    assert "<li><b>Come once:</b> no one will ask you to speak.</li>" in page.body[3].value.source
    assert f'<a href="{LINK}">SAMHSA</a>' in page.body[3].value.source
    assert page.body[4].value["image"].description == "A green meadow at dawn"
    assert not BlogPage.objects.exists()  # nothing saved until the editor saves


def test_a_file_that_is_not_a_word_document_changes_nothing(editor_client, home_page):
    blog = make_blog_index(home_page)
    images = get_image_model().objects.count()
    url = f"/admin/pages/add/blog/blogpage/{blog.pk}/"
    response = editor_client.post(url, upload(b"%PDF-1.4 not Word", "minutes.docx"), follow=True)
    assert response.redirect_chain == [(url, 302)]
    message = str(list(response.context["messages"])[0])
    assert message.startswith("“minutes.docx”: this file could not be read as a Word document")
    assert message.endswith("Nothing was changed.")
    assert not BlogPage.objects.exists()
    assert get_image_model().objects.count() == images


def with_picture(content):
    """word_document() with the file of its picture replaced by `content`."""
    source = zipfile.ZipFile(word_document())
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as target:
        for item in source.infolist():
            media = item.filename.startswith("word/media/")
            target.writestr(item, content if media else source.read(item.filename))
    return stream.getvalue()


def huge_png():
    """A small file of a picture far larger than any photo (187 million pixels)."""
    stream = io.BytesIO()
    PillowImage.new("1", (15000, 12500)).save(stream, "PNG")
    return stream.getvalue()


@pytest.mark.parametrize(
    "picture, pixel_limit, reason",
    [
        (b"cut short", None, "is damaged or not a picture."),
        (None, 500, "is too large: the site takes pictures of up to 0.0005 million pixels."),
        ("huge", None, "is too large: the site takes pictures of up to 40 million pixels."),
    ],
)
def test_a_picture_that_cannot_be_taken_changes_nothing(
    editor_client, home_page, settings, picture, pixel_limit, reason
):
    """A damaged picture, or one over the pixel limit the image upload form applies, is
    explained; no picture of the document is kept."""
    blog = make_blog_index(home_page)
    if pixel_limit:
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = pixel_limit  # the document's is 30 × 20
    content = word_document().read()
    if picture:
        content = with_picture(huge_png() if picture == "huge" else picture)
    images = get_image_model().objects.count()
    url = f"/admin/pages/add/blog/blogpage/{blog.pk}/"
    response = editor_client.post(url, upload(content, "minutes.docx"), follow=True)
    assert response.redirect_chain == [(url, 302)]
    message = str(list(response.context["messages"])[0])
    assert message.startswith("“minutes.docx”: the image docx-image-1.png ")
    assert reason in message
    assert message.endswith("Nothing was changed.")
    assert get_image_model().objects.count() == images
    assert not BlogPage.objects.exists()


def test_a_word_document_replaces_an_articles_content_in_the_editor(editor_client, home_page):
    blog = make_blog_index(home_page)
    article = make_article(blog, "An Old Title")
    response = editor_client.post(
        f"/admin/pages/{article.pk}/edit/", upload(word_document("A New Title").read())
    )
    assert response.status_code == 200
    assert response.context["page"].title == "A New Title"
    article.refresh_from_db()
    assert article.title == "An Old Title"  # until the editor saves
