"""Reader pages ask nothing of any other server: no CDN, font service,
analytics or embed is contacted unless the reader asks for it."""

import re
from urllib.parse import urlsplit

from scripts.reader_pages import load_demo_site, open_reader_page, reader_pages, reader_tab
from tests.conftest import require

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def is_local(url):
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def test_reader_pages_make_no_third_party_request(browser, live_server, subtests):
    load_demo_site()
    with reader_tab(browser, live_server) as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        for reader_page in reader_pages():
            with subtests.test(msg=reader_page.name):
                require(reader_page.path is not None, reader_page.missing_reason)
                requested.clear()
                open_reader_page(page, reader_page)
                # Bring lazy images and anything else loaded on scroll into play.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                assert requested, "no request was recorded"
                assert [url for url in requested if not is_local(url)] == []


def test_video_player_is_fetched_only_when_the_reader_presses_play(browser, live_server):
    load_demo_site()
    video_page = next(p for p in reader_pages() if p.name == "article with a video")
    require(video_page.path is not None, video_page.missing_reason)
    with reader_tab(browser, live_server) as page:
        # The provider is answered here: what matters is when it is asked, not what it says.
        page.route(
            re.compile(r"^https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/"),
            lambda route: route.fulfill(content_type="text/html", body="<title>Player</title>"),
        )
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        open_reader_page(page, video_page)
        page.wait_for_load_state("networkidle")
        assert [url for url in requested if not is_local(url)] == []

        page.locator(".video-embed button").click()
        page.locator(".video-embed iframe").wait_for()
        assert [urlsplit(url).hostname for url in requested if not is_local(url)] == [
            "www.youtube-nocookie.com"
        ]
