"""`manage.py import_articles` on saved pages of the old site and a WordPress export, and
the conversion of an article's markup into the body's blocks."""

import datetime
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Revision

from blog.importing import (
    NEEDS_DESCRIPTION_TAG,
    Article,
    Resolver,
    body_blocks,
    decode_cloudflare_email,
    parse_date,
    summary_from,
)
from blog.models import BlogPage
from tests.factories import make_article, make_blog_index, make_contact_page

SAMPLES = Path(__file__).parent / "import_samples"
WXR = SAMPLES / "wordpress" / "newunity.wordpress.2025-10-01.xml"
LONG = "The Role of Peer Support in Recovery"


def picture(path, colour):
    path.parent.mkdir(parents=True, exist_ok=True)
    PillowImage.new("RGB", (40, 30), colour).save(path, "JPEG")


def copy_old_site(folder=None):
    """The old site as `wget --mirror` saves it: pages, and the pictures they show (but
    one, lost since)."""
    site = Path(folder or tempfile.mkdtemp()) / "site"
    shutil.copytree(SAMPLES / "site", site)
    uploads = site / "newunity.org" / "wp-content" / "uploads" / "2025" / "09"
    picture(uploads / "circle-of-chairs.jpg", (200, 120, 40))
    picture(uploads / "coffee-cups.jpg", (40, 120, 200))
    return site


@pytest.fixture
def old_site(tmp_path):
    return copy_old_site(tmp_path)


@pytest.fixture
def contact_page(home_page):
    return make_contact_page(home_page)


def run(*args):
    out = io.StringIO()
    call_command("import_articles", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def draft(title):
    return BlogPage.objects.get(title=title).get_latest_revision_as_object()


def imported_images():
    """Images the import made (not the home page's picture)."""
    return get_image_model().objects.exclude(title="Morning light")


def kinds(page):
    return [block.block_type for block in page.body]


# ------------------------------------------------------------------------------- conversion


def test_cloudflare_protected_addresses_are_decoded():
    assert decode_cloudflare_email("422a272e2e2d022c2735372c2b363b6c2d3025") == "hello@newunity.org"
    assert decode_cloudflare_email("not-hex") is None
    assert decode_cloudflare_email("42") is None


@pytest.mark.parametrize(
    "text",
    [
        "Posted on September 17th, 2025",
        "Posted on Sept. 17, 2025",
        "17 September 2025",
        "2025-09-17T10:00:00+00:00",
        "09/17/2025",
    ],
)
def test_posted_dates_in_their_common_forms(text):
    assert parse_date(text) == datetime.date(2025, 9, 17)


def test_summary_is_cut_at_a_sentence_or_a_word():
    sentences = "Peer support helps. " * 30
    assert summary_from(sentences).endswith("helps.")
    assert len(summary_from(sentences)) <= 300
    words = "word " * 100
    assert summary_from(words).endswith("…") and len(summary_from(words)) <= 300


def test_markup_becomes_blocks_and_what_is_simplified_is_said():
    article = Article(
        source="sample",
        title="Sample",
        html=(
            "<blockquote><p>“Keep going.”</p><cite>Ana</cite></blockquote>"
            "<h2>First</h2><p>Some <u>underlined</u> and <strong>bold</strong> words.</p>"
            "<ul><li><strong>Lead:</strong> rest <a href='tel:+14085550142'>call</a></li></ul>"
            "<h5>Deep</h5><video src='x.mp4'></video>"
        ),
    )
    blocks, notes = body_blocks(article, Resolver())
    assert [b["type"] for b in blocks] == ["quote", "heading", "paragraph", "heading"]
    assert blocks[0]["value"] == {"text": "Keep going.", "attribution": "Ana"}
    assert blocks[1]["value"] == {"text": "First", "level": "h2"}
    assert blocks[2]["value"] == (
        "<p>Some underlined and <b>bold</b> words.</p>"
        '<ul><li><b>Lead:</b> rest <a href="tel:+14085550142">call</a></li></ul>'
    )
    assert blocks[3]["value"] == {"text": "Deep", "level": "h3"}
    assert "<u> kept as plain text." in notes
    assert "Heading “Deep” (h5) became a sub-section heading (h3)." in notes
    assert any("<video>" in note for note in notes)


# ------------------------------------------------------------------------------- the command


def test_saved_pages_become_draft_articles_in_the_projects_blocks(
    blog_index, contact_page, old_site
):
    report = run(old_site)

    assert BlogPage.objects.count() == 3
    assert not BlogPage.objects.filter(live=True).exists()  # drafts by default
    page = draft(LONG)
    assert page.date == datetime.date(2025, 9, 17)
    assert page.author.name == "Maria Delgado"
    assert [c.name for c in page.categories.all()] == ["Peer support", "Recovery"]
    assert [t.name for t in page.tags.all()] == ["hope"]
    assert page.summary.startswith("Recovery from a mental-health crisis")
    assert kinds(page) == [
        "quote",
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "related",
        "paragraph",
        "call_to_action",
    ]
    quote = page.body[0].value
    assert quote["text"].startswith("Nobody could tell me") and quote["text"].endswith("possible.")
    assert quote["attribution"] == "A member of our Tuesday group"
    headings = [(b.value["text"], b.value["level"]) for b in page.body if b.block_type == "heading"]
    assert headings == [
        ("What peer support looks like", "h2"),
        ("How it helps", "h2"),
        ("In the first weeks", "h3"),
        ("A note on boundaries", "h3"),
    ]
    lists = page.body[4].value.source
    assert "<li><b>Consistent presence:</b> someone who shows up" in lists
    assert "<li><b>Hope you can see:</b>" in lists
    assert page.body[12].value["article"].title == "Five Small Habits for Hard Days"
    closing = page.body[13].value.source
    assert '<a href="mailto:hello@newunity.org">hello@newunity.org</a>' in closing
    assert '<a href="tel:+14085550142">(408) 555-0142</a>' in closing
    holidays = BlogPage.objects.get(title="Holidays in Recovery")
    assert f'<a linktype="page" id="{holidays.pk}">our notes on the holidays</a>' in closing
    cta = page.body[14].value
    assert cta["heading"] == "Reach Out / Get In Touch"
    assert cta["button_page"].pk == contact_page.pk
    assert cta["button_text"] == "Contact us"

    # Pictures are in the library with their description; one without is flagged.
    described, undescribed = page.body[2].value["image"], page.body[9].value["image"]
    assert described.description == "Eight chairs in a circle in a sunny room"
    assert undescribed.description == ""
    assert [t.name for t in undescribed.tags.all()] == [NEEDS_DESCRIPTION_TAG]
    assert imported_images().count() == 2

    # The theme's parts are left out.
    text = " ".join(str(block.render_as_block()) for block in page.body)
    for chrome in ["Leave a Reply", "Share this", "Recent Posts", "About Us", "© 2025", "Posted"]:
        assert chrome not in text

    # The non-UTF-8 page reads right; the malformed one is mended.
    assert "Café meetings" in draft("Holidays in Recovery").body[2].value.source
    habits = draft("Five Small Habits for Hard Days")
    assert kinds(habits) == ["paragraph", "heading", "paragraph", "related"]
    assert "<ol><li><b>Drink a glass of water</b> before anything else.</li>" in (
        habits.body[2].value.source
    )
    assert habits.body[3].value["article"].title == LONG

    assert (
        "created: “The Role of Peer Support in Recovery” (draft) /blog/the-role-of-peer-support/"
        in report
    )
    for simplified in [
        "Image missing-photo.jpg was not found among the saved files: left out.",
        "Image coffee-cups.jpg has no description (alt text): write one before publishing.",
        "A table became one paragraph per row.",
        "Heading “A note on boundaries” (h4) became a sub-section heading (h3).",
    ]:
        assert f"simplified: {simplified}" in report
    assert "Read as windows-1252" in report
    # Five Small Habits points to an article made after it: found all the same, and said so.
    assert "no such article found" not in report
    # What a mirror saves beside the articles is passed over, with the reason.
    assert (
        "about/index.html: not an article (the old site marks it as a listing or a page)" in report
    )
    assert "newunity.org/index.html: not an article (the old site marks it" in report
    assert "sitemap.xml" not in report


def test_old_addresses_answer_301_to_the_published_article(
    client, blog_index, contact_page, old_site
):
    run(old_site, "--publish")
    habits = BlogPage.objects.get(title="Five Small Habits for Hard Days")
    assert habits.live
    response = client.get("/2025/08/02/five-small-habits-for-hard-days/")
    assert response.status_code == 301
    assert response["Location"].endswith("/blog/five-small-habits-for-hard-days/")
    assert client.get(response["Location"]).status_code == 200
    # An image without a description keeps its article a draft for review.
    assert not BlogPage.objects.get(title=LONG).live
    assert Redirect.objects.get(old_path="/2025/09/17/the-role-of-peer-support").redirect_page


def test_a_second_run_changes_nothing(blog_index, contact_page, old_site):
    run(old_site, "--publish")
    counts = (Revision.objects.count(), Redirect.objects.count(), get_image_model().objects.count())
    report = run(old_site, "--publish")
    assert "0 created, 0 updated, 3 unchanged, 0 kept as edited in the admin, 0 failed" in report
    assert (
        Revision.objects.count(),
        Redirect.objects.count(),
        get_image_model().objects.count(),
    ) == counts
    assert BlogPage.objects.count() == 3


def test_a_second_run_updates_the_same_article(blog_index, contact_page, old_site):
    run(old_site)
    page = old_site / "newunity.org/2024/12/09/holidays-in-recovery/index.html"
    page.write_bytes(page.read_bytes().replace(b"Plan your exits", b"Plan your way out"))
    report = run(old_site)
    assert "1 updated, 2 unchanged" in report
    assert BlogPage.objects.filter(title="Holidays in Recovery").count() == 1
    assert draft("Holidays in Recovery").body[1].value["text"] == "Plan your way out"


def test_articles_edited_in_the_admin_are_left_alone(
    blog_index, contact_page, old_site, django_user_model
):
    run(old_site)
    editor = django_user_model.objects.create_user("editor")
    page = draft("Holidays in Recovery")
    page.summary = "What our members told us about the holidays."
    page.save_revision(user=editor)

    report = run(old_site)
    assert "kept: “Holidays in Recovery”" in report
    assert "Edited in the admin since it was imported, so left as it is" in report
    assert draft("Holidays in Recovery").summary == "What our members told us about the holidays."

    report = run(old_site, "--overwrite")
    assert "updated: “Holidays in Recovery”" in report
    assert draft("Holidays in Recovery").summary.startswith("The holidays can be hard.")


def test_links_to_the_old_sites_other_pages_are_kept_and_said(tmp_path, blog_index):
    (tmp_path / "page.html").write_text(
        '<html><head><link rel="canonical" href="https://newunity.org/2025/01/asking/"></head>'
        '<body><article><h1>Asking for Help</h1><time datetime="2025-01-05">Jan 5</time>'
        "<p>See <a href='/about/'>who we are</a>.</p></article></body></html>"
    )
    report = run(tmp_path / "page.html")
    assert '<a href="https://newunity.org/about/">who we are</a>' in (
        draft("Asking for Help").body[0].value.source
    )
    assert "The link to /about on the old site is kept as it was" in report


def test_a_dry_run_makes_nothing(blog_index, contact_page, old_site):
    report = run(old_site, "--dry-run")
    assert "would be created: “The Role of Peer Support in Recovery”" in report
    assert "simplified: A table became one paragraph per row." in report
    assert not BlogPage.objects.exists()
    assert not Redirect.objects.exists()
    assert not imported_images().exists()


def test_a_broken_file_is_reported_and_nothing_of_it_is_kept(blog_index, contact_page, old_site):
    long = old_site / "newunity.org/2025/09/17/the-role-of-peer-support/index.html"
    damaged = old_site / "newunity.org/wp-content/uploads/2025/09/coffee-cups.jpg"
    damaged.write_bytes(b"this is not a picture")  # after the first picture is imported
    (old_site / "newunity.org" / "empty.html").write_bytes(b"")

    with pytest.raises(CommandError, match="2 could not be imported"):
        run(old_site)

    assert not BlogPage.objects.filter(title=LONG).exists()
    assert not imported_images().exists()  # the first picture was taken back too
    assert not Redirect.objects.filter(old_path="/2025/09/17/the-role-of-peer-support").exists()
    assert BlogPage.objects.count() == 2  # the others were imported
    assert long.exists()


def test_the_broken_files_are_named_with_the_reason(blog_index, contact_page, old_site):
    (old_site / "newunity.org" / "empty.html").write_bytes(b"   ")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(old_site), stdout=out)
    assert "FAILED: " in out.getvalue()
    assert "empty.html: the file is empty. Nothing was made from it." in out.getvalue()


def test_a_wordpress_export(tmp_path, blog_index, contact_page):
    media = tmp_path / "uploads"
    picture(media / "2025" / "06" / "moon.jpg", (20, 20, 60))
    report = run(WXR, "--media", media, "--publish")

    assert "passed over:" in report and "An Unfinished Draft" in report
    assert BlogPage.objects.count() == 2
    sleep = BlogPage.objects.get(title="Sleep and Recovery")
    assert sleep.live and sleep.slug == "sleep-and-recovery"
    assert sleep.date == datetime.date(2025, 6, 3)
    assert sleep.author.name == "Jamie Nguyen"
    assert [c.name for c in sleep.categories.all()] == ["Wellbeing"]
    assert [t.name for t in sleep.tags.all()] == ["sleep"]
    assert kinds(sleep) == [
        "quote",
        "paragraph",
        "heading",
        "paragraph",
        "image",
        "paragraph",
        "related",
    ]
    assert sleep.body[0].value["text"] == "Rest is part of the work, not a break from it."
    assert sleep.summary.startswith("Sleep is often the first thing to go")
    assert "<li><b>Same time:</b>" in sleep.body[3].value.source
    assert sleep.body[4].value["image"].description == "A crescent moon over the hills"
    assert 'href="mailto:hello@newunity.org"' in sleep.body[5].value.source
    assert sleep.body[6].value["article"].title == "Your First Meeting"
    first = BlogPage.objects.get(title="Your First Meeting")
    assert first.summary == "What happens at a first peer-support meeting, and what does not."


def test_related_lines_find_articles_already_on_the_site(tmp_path, blog_index):
    existing = make_article(blog_index, "Coping With Cravings")
    (tmp_path / "page.html").write_text(
        "<html><body><article><h1>Asking for Help</h1><p>Posted on March 3, 2025</p>"
        "<p>Asking is a skill.</p>"
        "<p>Related: <a href='https://newunity.org/2023/01/cravings/'>Coping With Cravings</a></p>"
        "<p>Related: <a href='https://newunity.org/2020/gone/'>A Lost Article</a></p>"
        "</article></body></html>"
    )
    report = run(tmp_path / "page.html")
    page = draft("Asking for Help")
    assert kinds(page) == ["paragraph", "related", "paragraph"]
    assert page.body[1].value["article"].pk == existing.pk
    assert "A Lost Article</a>" in page.body[2].value.source
    assert "“Related: A Lost Article”: no such article found, so it stays a plain link." in report


# ------------------------------------------------------------------------------- staff's changes


def test_changing_a_slug_or_moving_an_article_leaves_a_redirect(
    client, home_page, django_capture_on_commit_callbacks
):
    """Wagtail's redirects app, with WAGTAILREDIRECTS_AUTO_CREATE at its default (on)."""
    blog = make_blog_index(home_page)
    article = make_article(blog, "Coping With Cravings")
    article.slug = "cravings"
    with django_capture_on_commit_callbacks(execute=True):  # as when the edit is saved
        article.save_revision().publish()
    response = client.get("/blog/coping-with-cravings/")
    assert response.status_code == 301
    assert response["Location"].endswith("/blog/cravings/")

    from blog.models import BlogIndexPage

    stories = home_page.add_child(instance=BlogIndexPage(title="Stories", slug="stories"))
    with django_capture_on_commit_callbacks(execute=True):
        BlogPage.objects.get(pk=article.pk).move(stories, pos="last-child")
    response = client.get("/blog/cravings/")
    assert response.status_code == 301
    assert response["Location"].endswith("/stories/cravings/")


def test_a_picture_whose_address_has_spaces_or_accents_is_found(tmp_path, blog_index):
    """The page's address of a picture is encoded (`coffee%20cups.jpg`); wget saves the
    file under its plain name (`coffee cups.jpg`)."""
    picture(tmp_path / "wp-content/uploads/2025/01/coffee cups.jpg", (40, 120, 200))
    picture(tmp_path / "wp-content/uploads/2025/01/café.jpg", (200, 120, 40))
    (tmp_path / "page.html").write_text(
        '<html><head><link rel="canonical" href="https://newunity.org/2025/01/asking/"></head>'
        '<body><article><h1>Asking for Help</h1><time datetime="2025-01-05">Jan 5</time>'
        "<p>We met for coffee.</p>"
        '<img src="/wp-content/uploads/2025/01/coffee%20cups.jpg" alt="Two coffee cups">'
        '<img src="/wp-content/uploads/2025/01/caf%C3%A9.jpg" alt="The café">'
        "</article></body></html>"
    )
    report = run(tmp_path / "page.html")
    assert "not found" not in report
    images = [block.value["image"] for block in draft("Asking for Help").body[1:]]
    assert [image.description for image in images] == ["Two coffee cups", "The café"]


def test_a_page_saved_by_a_browser_keeps_its_address_and_pictures(tmp_path, blog_index):
    """A browser's "Save page as" names the file after the title and puts the pictures
    in a folder beside it; the page's address is in a comment at its top."""
    saved = tmp_path / "The Role of Peer Support – New Unity.html"
    picture(tmp_path / "The Role of Peer Support – New Unity_files" / "circle.jpg", (9, 99, 9))
    saved.write_text(
        "<!DOCTYPE html>\n"
        "<!-- saved from url=(0047)https://newunity.org/the-role-of-peer-support/ -->\n"
        '<html><head><meta charset="utf-8"></head>'
        "<body><article><h1>The Role of Peer Support</h1>"
        "<p>Posted on September 17th, 2025</p><p>Someone who has been there.</p>"
        '<img src="./The%20Role%20of%20Peer%20Support%20%E2%80%93%20New%20Unity_files/circle.jpg"'
        ' alt="A circle of chairs">'
        "</article></body></html>",
        encoding="utf-8",
    )
    report = run(saved)
    assert "not found" not in report
    article = draft("The Role of Peer Support")
    assert article.slug == "the-role-of-peer-support"
    assert Redirect.objects.get(old_path="/the-role-of-peer-support").redirect_page_id == (
        article.pk
    )
    (image_block,) = [block for block in article.body if block.block_type == "image"]
    assert image_block.value["image"].description == "A circle of chairs"
