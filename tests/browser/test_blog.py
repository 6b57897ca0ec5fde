import re

import pytest
from playwright.sync_api import expect

from base.models import NavigationSettings
from tests.factories import make_article, make_blog_index, make_category, paragraph

VIDEO = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "A peer group evening"}


@pytest.fixture
def blog(home_page):
    index = make_blog_index(home_page)
    navigation = NavigationSettings.for_site(home_page.get_site())
    navigation.main_menu_items = [navigation.main_menu_items.model(link_page=index)]
    navigation.save()
    faith = make_category("Community")
    target = make_article(
        index,
        "Boost Your Mental Health With Faith-Based Counseling",
        categories=[faith],
        summary="Faith and counseling together.",
    )
    make_article(
        index,
        "The Role of Peer Support in Mental Health Recovery",
        categories=[make_category("Peer support")],
        summary="Why talking with someone who has been there helps.",
        body=[
            ("quote", {"text": "It got better.", "attribution": "A member"}),
            paragraph("<ul><li><b>Consistent presence:</b> someone who shows up.</li></ul>"),
            ("video", VIDEO),
            ("related", {"article": target.pk}),
        ],
    )
    return index


def test_reader_follows_articles_from_home_to_a_category(browser_page, live_server, blog):
    third_party = []
    browser_page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else third_party.append(request.url)
        ),
    )
    browser_page.route(re.compile(r"^https://www\.youtube-nocookie\.com/"), lambda r: r.abort())

    browser_page.goto("/")
    browser_page.get_by_role("navigation", name="Main").get_by_role("link", name="Blog").click()
    expect(browser_page).to_have_url(re.compile(r"/blog/$"))
    expect(browser_page.locator("h1")).to_have_text("Blog")

    browser_page.get_by_role(
        "link", name="The Role of Peer Support in Mental Health Recovery"
    ).click()
    expect(browser_page.locator("h1")).to_have_text(
        "The Role of Peer Support in Mental Health Recovery"
    )

    # The video stays a button and a link until the reader asks for it.
    play = browser_page.get_by_role("button", name="Play video: A peer group evening")
    expect(play).to_be_visible()
    assert browser_page.locator("iframe").count() == 0
    assert third_party == []
    play.click()
    expect(browser_page.locator("iframe[title='A peer group evening']")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")
    )

    browser_page.locator(".related a").click()
    expect(browser_page.locator("h1")).to_have_text(
        "Boost Your Mental Health With Faith-Based Counseling"
    )

    browser_page.get_by_role("link", name="Community").click()
    expect(browser_page).to_have_url(re.compile(r"/blog/category/community/$"))
    expect(browser_page.locator("h1")).to_have_text("Articles about Community")
    expect(browser_page.locator(".card__title")).to_have_text(
        ["Boost Your Mental Health With Faith-Based Counseling"]
    )
