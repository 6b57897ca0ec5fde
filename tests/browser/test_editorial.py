"""Each staff role's everyday tasks, walked through the real admin in Chromium, each
ending with what readers then see: the tasks docs/editor-guide.md describes."""

import datetime
import io
import os
import re
import subprocess
import sys
import time

import pytest
from django.utils import timezone
from PIL import Image as PillowImage
from playwright.sync_api import expect

from base.roles import CONTENT_LEADS, EDITORS, MODERATORS
from blog.models import BlogPage
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_violations, describe
from tests.factories import make_article, make_author, make_blog_index, make_category
from tests.newunity.servers import BASE_DIR, PRODUCTION_ENV, database_url

WORDS = (
    "Peer support means being heard by someone who has walked a similar road. "
    "In our groups, people share what helped them and what did not, at their own pace. "
)


@pytest.fixture
def blog(home_page):
    index = make_blog_index(home_page)
    make_author("Dana Rivers")
    make_category("Peer support")
    return index


def photo_file(tmp_path):
    path = tmp_path / "bench.jpg"
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), (90, 140, 130)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def choose_in_modal(page, opener):
    opener.click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    return modal


def open_footer_action(page, name):
    """One of the editor's footer actions, from the menu beside the main button."""
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name=name, exact=True).click()


def add_paragraph(page, text):
    """A paragraph at the end of the body, through the block picker."""
    page.locator("#panel-child-content-body-section").get_by_role(
        "button", name="Insert a block"
    ).last.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("#panel-child-content-body-section [contenteditable=true]").last
    editor.click()
    page.keyboard.insert_text(text)


def live_server_url(page):
    return re.match(r"https?://[^/]+", page.url)[0]


def test_editor_writes_an_article_previews_it_schedules_it_and_submits_it(
    browser_page, staff, blog, tmp_path
):
    page = browser_page
    editor = staff(EDITORS, "ed")
    sign_in(page, editor)

    page.goto(f"/admin/pages/add/blog/blogpage/{blog.pk}/")
    page.locator("#id_title").fill("Finding your people")
    page.locator("#id_summary").fill("How a peer group helps, in the words of its members.")

    # Authors are chosen; adding one is for Content leads, as the help says.
    expect(page.get_by_text("Editors, ask a Content lead")).to_be_visible()
    modal = choose_in_modal(page, page.get_by_role("button", name="Choose author"))
    expect(modal.get_by_role("tab", name="Add an author")).to_have_count(0)
    modal.get_by_role("link", name="Dana Rivers").click()
    expect(modal).to_be_hidden()

    # The image is uploaded from the chooser, its alt text asked for by name.
    modal = choose_in_modal(page, page.get_by_role("button", name="Choose an image"))
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(photo_file(tmp_path))
    # The title is filled in from the file's name a moment after the file is chosen.
    expect(modal.get_by_label("Title")).to_have_value("bench")
    alt_text = modal.get_by_label("Alt text")
    expect(modal.get_by_text("for people who cannot see it")).to_be_visible()
    alt_text.fill("Two people talking on a park bench.")
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()

    add_paragraph(page, WORDS * 4)
    page.get_by_label("Peer support").check()

    # The preview panel shows the page; the checks read it from there.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Finding your people", timeout=15_000)
    expect(preview.get_by_text("By Dana Rivers")).to_be_visible()
    expect(preview.locator("img[alt='Two people talking on a park bench.']")).to_have_count(1)
    page.locator('[data-side-panel-toggle="checks"]').click()
    page.wait_for_function(
        "() => parseInt(document.querySelector('[data-content-word-count]').textContent) >= 100"
    )
    expect(page.locator("[data-content-reading-time]")).to_have_text(re.compile(r"\d"))

    # Scheduled for tomorrow morning, then submitted for moderation.
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    go_live = go_live.replace(hour=9, minute=0, second=0, microsecond=0)
    page.locator('[data-side-panel-toggle="status"]').click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    calendar = page.locator(".xdsoft_datetimepicker:visible")
    calendar.wait_for()
    page.locator("#title-schedule-publishing-dialog").click()  # closes the calendar
    expect(calendar).to_have_count(0)
    page.get_by_role("button", name="Save schedule").click()
    expect(page.locator(".messages .success")).to_contain_text("updated")
    open_footer_action(page, "Submit to Moderators approval")
    page.wait_for_url(re.compile(rf"/admin/pages/{blog.pk}/$"))  # back to the blog's pages
    expect(page.locator(".messages .success")).to_contain_text("has been submitted for moderation")

    article = BlogPage.objects.get(slug="finding-your-people")
    assert article.current_workflow_state.status == "in_progress"
    draft = article.get_latest_revision_as_object()
    assert draft.go_live_at == go_live
    assert draft.author.name == "Dana Rivers"
    assert draft.feature_image.description == "Two people talking on a park bench."
    # Nothing reaches readers before a Moderator approves it.
    reader = page.context.browser.new_page(base_url=live_server_url(page))
    assert reader.goto("/blog/finding-your-people/").status == 404
    reader.close()


@pytest.fixture
def scheduler():
    """The site's scheduler (`manage.py run_scheduled_work`), running each second as it
    does each minute in production, against the test database."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduled_work", "--tick", "1"],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            **PRODUCTION_ENV,
            "DATABASE_URL": database_url(),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    process.communicate(timeout=30)


def test_moderator_approves_a_scheduled_article_and_the_scheduler_publishes_it(
    browser_page, staff, blog, scheduler
):
    page = browser_page
    editor = staff(EDITORS, "ed", first_name="Eli")
    moderator = staff(MODERATORS, "mo")
    # Written and submitted by an Editor, to go live a few seconds after approval.
    article = make_article(blog, "Finding your people", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=12)
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)

    sign_in(page, moderator)
    review = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    row = review.get_by_role("row").filter(has_text="Finding your people")
    expect(row).to_contain_text("Eli Lee")  # who submitted it, by name
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0)  # reviewed

    article.refresh_from_db()
    assert not article.live  # approved, waiting for its time
    assert article.scheduled_revision is not None

    reader = page.context.browser.new_page(base_url=live_server_url(page))
    deadline = time.monotonic() + 25
    while time.monotonic() < deadline:
        if reader.goto("/blog/finding-your-people/").status == 200:
            break
        reader.wait_for_timeout(500)
    expect(reader.locator("h1")).to_have_text("Finding your people")
    reader.goto("/blog/")
    expect(reader.get_by_role("link", name="Finding your people")).to_be_visible()
    reader.close()


def test_content_lead_adds_an_author_and_a_category_and_readers_see_them(browser_page, staff, blog):
    page = browser_page
    lead = staff(CONTENT_LEADS, "cl")
    article = make_article(blog, "Finding your people")
    sign_in(page, lead)

    page.goto("/admin/snippets/blog/blogcategory/add/")
    page.get_by_role("textbox", name="Name").fill("Family and friends")
    page.get_by_role("textbox", name="Slug").fill("family-and-friends")
    page.get_by_role("textbox", name="Description").fill(
        "For the people around someone in recovery."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages .success")).to_contain_text("Family and friends")

    # A missing author is added from the article's own chooser.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    modal = choose_in_modal(page, page.get_by_role("button", name="Choose author"))
    modal.get_by_role("tab", name="Add an author").click()
    modal.get_by_role("textbox", name="Name").fill("Jordan Park")
    modal.get_by_role("textbox", name="Role").fill("Peer mentor")
    modal.get_by_role("button", name="Add this author").click()
    expect(modal).to_be_hidden()
    page.get_by_label("Family and friends").check()
    open_footer_action(page, "Publish")
    expect(page.locator(".messages .success")).to_contain_text("published")

    reader = page.context.browser.new_page(base_url=live_server_url(page))
    reader.goto("/blog/finding-your-people/")
    expect(reader.get_by_text("Jordan Park")).to_be_visible()
    reader.get_by_role("link", name="Family and friends").click()
    expect(reader.locator("h1")).to_contain_text("Family and friends")
    expect(reader.get_by_text("For the people around someone in recovery.")).to_be_visible()
    reader.close()


def test_content_lead_changes_the_menu_the_crisis_notice_and_a_redirect(browser_page, staff, blog):
    page = browser_page
    lead = staff(CONTENT_LEADS, "cl")
    make_article(blog, "Finding your people")
    sign_in(page, lead)

    # The guide is in the admin's Help menu.
    page.get_by_role("button", name=re.compile("^Help")).click()
    page.get_by_role("link", name="How we edit this site").click()
    expect(page.get_by_role("heading", name="Menus and the crisis notice")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.goto("/admin/settings/base/navigationsettings/")
    page.get_by_role("button", name="Add main menu link").click()
    link = page.locator("[id^='inline_child_main_menu_items-']").last
    link.get_by_role("textbox", name="Address").fill("https://988lifeline.org/")
    link.get_by_role("textbox", name="Text").fill("988 Lifeline")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages .success")).to_be_visible()

    page.goto("/admin/settings/base/sitesettings/")
    notice = page.get_by_role("region", name="Crisis-support notice").locator(
        "[contenteditable=true]"
    )
    notice.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Need to talk tonight? Call or text 988, any time.")
    # The editor hands its text to the form a moment after typing stops.
    expect(page.locator("input[name=crisis_notice]")).to_have_value(re.compile("tonight"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages .success")).to_be_visible()

    page.goto("/admin/redirects/add/")
    page.get_by_role("textbox", name="Redirect from").fill("/old-news/")
    modal = choose_in_modal(page, page.get_by_role("button", name="Choose a page"))
    modal.get_by_title("Explore subpages of 'New Unity'").click()
    modal.get_by_title("Explore subpages of 'Blog'").click()
    modal.get_by_role("link", name="Finding your people").click()
    expect(modal).to_be_hidden()
    page.get_by_role("button", name="Create").click()
    expect(page.locator(".messages .success")).to_be_visible()

    reader = page.context.browser.new_page(base_url=live_server_url(page))
    reader.goto("/old-news/")
    expect(reader).to_have_url(re.compile(r"/blog/finding-your-people/$"))
    expect(reader.get_by_text("Need to talk tonight? Call or text 988, any time.")).to_be_visible()
    expect(reader.get_by_role("navigation", name="Main")).to_contain_text("988 Lifeline")
    reader.close()
