"""Pages under the site's real Content-Security-Policy (no bypass): the browser
reports no violation on reader pages, nor in the parts of the admin staff use."""

import re

import pytest

from scripts.reader_pages import load_demo_site, open_reader_page, reader_pages
from tests.browser.conftest import sign_in
from tests.conftest import require
from tests.factories import STAFF_PASSWORD

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
VIDEO_PLAYERS = re.compile(r"^https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/")


@pytest.fixture
def strict_tab(browser, live_server):
    """A tab that obeys the Content-Security-Policy header and records, for each
    document, what it reports (securitypolicyviolation events)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def violations(page):
    page.wait_for_load_state("load")
    # Violation reports are queued as tasks: let those of the last actions arrive.
    page.wait_for_timeout(250)
    return page.evaluate("window.cspViolations")


def policy_is_enforced(page):
    """Whether the tab obeys the header: an inline script added now must not run
    (call it last: the attempt is itself a violation)."""
    return page.evaluate(
        """() => {
          window.inlineScriptRan = false;
          const script = document.createElement("script");
          script.textContent = "window.inlineScriptRan = true";
          document.head.append(script);
          return !window.inlineScriptRan;
        }"""
    )


def test_reader_pages_break_no_rule_of_the_policy(strict_tab, live_server, subtests):
    load_demo_site()
    for reader_page in reader_pages():
        with subtests.test(msg=reader_page.name):
            require(reader_page.path is not None, reader_page.missing_reason)
            open_reader_page(strict_tab, reader_page)
            # Bring lazy images and anything else loaded on scroll into play.
            strict_tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            assert violations(strict_tab) == []
            assert policy_is_enforced(strict_tab)


def test_video_player_loads_under_the_policy_once_the_reader_presses_play(strict_tab):
    load_demo_site()
    video_page = next(p for p in reader_pages() if p.name == "article with a video")
    require(video_page.path is not None, video_page.missing_reason)
    # The provider is answered here: what matters is that the browser lets the frame in
    # (a frame the policy blocks makes no request at all).
    strict_tab.route(
        VIDEO_PLAYERS,
        lambda route: route.fulfill(content_type="text/html", body="<title>Player</title>"),
    )
    open_reader_page(strict_tab, video_page)
    with strict_tab.expect_request(VIDEO_PLAYERS):
        strict_tab.locator(".video-embed button").click()
    assert violations(strict_tab) == []


def test_admin_login_dashboard_user_bar_and_page_editor_work_under_their_policy(
    strict_tab, django_user_model
):
    from blog.models import BlogPage

    load_demo_site()
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    article = BlogPage.objects.live().order_by("path").first()

    strict_tab.goto("/admin/login/")
    assert violations(strict_tab) == []
    sign_in(strict_tab, editor)
    assert violations(strict_tab) == []

    # Signed-in staff see reader pages with Wagtail's user bar, under the strict policy.
    strict_tab.goto(article.url)
    strict_tab.locator("wagtail-userbar").wait_for(state="attached")
    assert violations(strict_tab) == []

    strict_tab.goto(f"/admin/pages/{article.pk}/edit/")
    # The editor is built by scripts: once the body's blocks are on screen, they ran.
    strict_tab.locator("[data-streamfield-stream-container]").first.wait_for()
    assert violations(strict_tab) == []
    # The admin's policy allows inline scripts; everything else still applies.
    assert not policy_is_enforced(strict_tab)


def test_editor_preview_panel_shows_the_page_and_the_checks_read_it(strict_tab, django_user_model):
    """The live preview is a frame of the admin's own origin: the policy lets it show,
    and the Checks panel, which reads the page from that frame, reports real metrics."""
    from blog.models import BlogPage

    load_demo_site()
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    article = BlogPage.objects.live().order_by("path").first()

    sign_in(strict_tab, editor)

    strict_tab.goto(f"/admin/pages/{article.pk}/edit/")
    strict_tab.locator('[data-side-panel-toggle="preview"]').click()
    preview = strict_tab.frame_locator("#w-preview-iframe")
    preview.locator("h1").filter(has_text=article.title).wait_for()

    strict_tab.locator('[data-side-panel-toggle="checks"]').click()
    words = strict_tab.locator("[data-content-word-count]")
    strict_tab.wait_for_function(
        "() => /\\d/.test(document.querySelector('[data-content-word-count]').textContent)"
    )
    assert int(re.sub(r"\D", "", words.inner_text())) > 50
    assert re.search(r"\d", strict_tab.locator("[data-content-reading-time]").inner_text())
    assert violations(strict_tab) == []
