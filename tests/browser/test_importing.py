"""Articles brought in: an editor imports a Word document on the new-article form, and a
reader follows an old address to an article imported from the old site."""

import re

import pytest
from playwright.sync_api import expect

from tests.blog.test_import_articles import copy_old_site, run
from tests.blog.word import LINK, PASSWORD, make_editor, word_document
from tests.browser.test_accessibility import AXE_SCRIPT, WCAG_A_AND_AA, describe
from tests.factories import make_blog_index, make_contact_page


def axe_violations_in(page, selector):
    """axe-core's WCAG A and AA violations in the elements `selector` finds."""
    page.add_script_tag(path=AXE_SCRIPT)
    return page.evaluate(
        """([selector, tags]) => axe.run({include: [[selector]]}, {
          runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        }).then(results => results.violations)""",
        [selector, WCAG_A_AND_AA],
    )


@pytest.fixture
def editor(home_page):
    return make_editor(home_page)


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_editor_imports_a_word_document_and_publishes_it(browser_page, home_page, editor, tmp_path):
    blog = make_blog_index(home_page)
    document = tmp_path / "finding-your-people.docx"
    document.write_bytes(word_document().read())
    page = browser_page
    sign_in(page, "editor")

    page.goto(f"/admin/pages/add/blog/blogpage/{blog.pk}/")
    import_button = page.get_by_role("link", name="Import from a Word document (.docx)")
    violations = axe_violations_in(page, "[data-content-import-picker]")
    assert not violations, describe(violations)
    with page.expect_file_chooser() as chooser:  # from the keyboard
        import_button.focus()
        page.keyboard.press("Enter")
    chooser.value.set_files(document)

    # The editor shows the article made from the document, not saved yet.
    # Reading the document and rendering the editor: allow for a busy machine.
    expect(page.locator("#id_title")).to_have_value("Finding Your People", timeout=15_000)
    editor_form = page.locator("#page-edit-form")
    expect(editor_form.get_by_text("Come once:", exact=True)).to_be_visible()
    values = editor_form.locator("input, textarea").evaluate_all("els => els.map(e => e.value)")
    assert "Where to start" in values
    assert "It got better when I stopped doing it alone." in values
    assert "A green meadow at dawn" in values

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'Finding Your People' created.")).to_be_visible()
    page_id = re.search(r"/admin/pages/(\d+)/edit/", page.url)[1]
    page.goto(f"/admin/pages/{page_id}/view_draft/")  # what "View draft" shows
    expect(page.locator("h2", has_text="Where to start")).to_be_visible()
    page.goto(f"/admin/pages/{page_id}/edit/")

    page.locator("#page-edit-form footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Page 'Finding Your People' has been published.")).to_be_visible()

    page.goto("/blog/finding-your-people/")
    article = page.locator("main")
    expect(article.locator("h1")).to_have_text("Finding Your People")
    expect(article.locator("h2", has_text="Where to start")).to_be_visible()
    expect(article.locator("blockquote")).to_contain_text("It got better")
    expect(article.locator("li", has_text="no one will ask you").locator("b")).to_have_text(
        "Come once:"
    )
    expect(article.get_by_role("link", name="SAMHSA")).to_have_attribute("href", LINK)
    expect(article.get_by_role("img", name="A green meadow at dawn")).to_be_visible()


def test_reader_follows_an_old_address_to_the_imported_article(browser_page, home_page, tmp_path):
    make_blog_index(home_page)
    make_contact_page(home_page)
    run(copy_old_site(tmp_path), "--publish")
    page = browser_page
    response = page.goto("/2025/08/02/five-small-habits-for-hard-days/")
    assert response.request.redirected_from is not None
    expect(page).to_have_url(re.compile(r"/blog/five-small-habits-for-hard-days/$"))
    expect(page.locator("h1")).to_have_text("Five Small Habits for Hard Days")
    expect(page.locator("main ol li b").first).to_have_text("Drink a glass of water")
    # Its "Related:" article waits, as a draft, for its picture's description: no dead link.
    expect(page.locator("main .related")).to_have_count(0)
