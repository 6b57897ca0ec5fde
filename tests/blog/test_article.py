import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from base.blocks import BodyStreamBlock, VideoEmbedBlock
from base.models import SiteSettings
from base.page_cache import start_new_generation
from blog.models import BlogPage
from tests.factories import (
    make_article,
    make_author,
    make_category,
    make_image,
    make_private,
    paragraph,
)
from tests.home.helpers import loaded_columns, soup, sql_plan, walks_newest_first

from .markup import canonical, card_titles, parse, structured_data


def test_article_page_shows_the_article(client, blog_index):
    article = make_article(
        blog_index,
        "Finding your people",
        date=datetime.date(2025, 9, 17),
        author=make_author("Maya Thompson"),
        categories=[make_category("Peer support")],
        tags=["groups"],
        body=[
            ("quote", {"text": "It got better.", "attribution": "A member"}),
            ("heading", {"text": "Why groups work", "level": "h2"}),
            paragraph("<ul><li><b>Consistent presence:</b> every week.</li></ul>"),
        ],
    )
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Finding your people</h1>" in html
    assert '<time datetime="2025-09-17">September 17, 2025</time>' in html
    assert "by Maya Thompson" in html
    assert '<h2 id="why-groups-work">Why groups work</h2>' in html
    assert "<blockquote><p>It got better.</p></blockquote>" in html
    assert "<li><b>Consistent presence:</b> every week.</li>" in html
    assert 'href="/blog/category/peer-support/"' in html
    assert 'href="/blog/tag/groups/"' in html
    assert canonical(response) == "http://localhost/blog/finding-your-people/"


def test_article_carries_sharing_metadata(client, blog_index):
    article = make_article(blog_index, "Shared", summary="Worth sharing.", image=make_image())
    metas = parse(client.get(article.url)).metas
    assert metas["description"] == "Worth sharing."
    assert metas["og:title"] == "Shared"
    assert metas["og:type"] == "article"
    assert metas["og:url"] == "http://localhost/blog/shared/"
    assert metas["og:image"].startswith("http://localhost/media/images/")
    assert (metas["og:image:width"], metas["og:image:height"]) == ("1200", "630")
    assert metas["twitter:card"] == "summary_large_image"
    assert metas["twitter:image"] == metas["og:image"]


def test_article_structured_data(client, blog_index):
    article = make_article(
        blog_index,
        "Structured",
        date=datetime.date(2025, 9, 17),
        author=make_author("Luis Ortega"),
        image=make_image(),
    )
    data = structured_data(client.get(article.url))
    posting = data["BlogPosting"]
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == "Structured"
    assert posting["datePublished"] == "2025-09-17"
    assert datetime.datetime.fromisoformat(posting["dateModified"])
    assert posting["author"] == {"@type": "Person", "name": "Luis Ortega"}
    assert posting["publisher"]["name"] == "New Unity Inc."
    assert posting["image"]["url"].endswith(".jpg")
    assert (posting["image"]["width"], posting["image"]["height"]) == (1200, 630)
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"]) for crumb in crumbs] == [
        (1, "New Unity"),
        (2, "Blog"),
        (3, "Structured"),
    ]
    assert crumbs[2]["item"] == "http://localhost/blog/structured/"


def test_structured_data_cannot_break_out_of_its_script_element(client, blog_index):
    title = "Hope </script><script>alert(1)</script> & more"
    article = make_article(blog_index, title, body=[paragraph("<p>Plain words.</p>")])
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    assert structured_data(client.get(article.url))["BlogPosting"]["headline"] == title


def test_feature_image_loads_first_and_in_modern_formats(client, blog_index):
    article = make_article(blog_index, image=make_image())
    html = client.get(article.url).content.decode()
    hero = html[html.index('class="hero__image"') :]
    hero = hero[: hero.index("</picture>")]
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    assert 'fetchpriority="high"' in hero and 'loading="eager"' in hero
    assert 'width="' in hero and 'height="' in hero


def test_cards_lazy_load_their_images(client, blog_index):
    make_article(blog_index, image=make_image())
    html = client.get("/blog/").content.decode()
    card = html[html.index('class="card__image"') :]
    assert 'loading="lazy"' in card[: card.index("</picture>")]


def sharing_queries(queries):
    """The queries among `queries` that looked for articles by their categories or tags
    (testing each for its links)."""
    return [
        sql
        for query in queries.captured_queries
        if (sql := query["sql"]).startswith('SELECT "blog_blogpage"') and "EXISTS(" in sql
    ]


class TestRelatedArticles:
    def test_chosen_articles_come_in_the_chosen_order(self, blog_index):
        first, second, third = (make_article(blog_index) for _ in range(3))
        article = make_article(blog_index, related=[third, first])
        assert article.related_article_ids() == [third.pk, first.pk]

    def test_an_article_none_were_chosen_for_costs_no_query_to_find_that_out(
        self, blog_index, django_assert_num_queries
    ):
        """As most articles: the choice is kept in the page's own row."""
        article = BlogPage.objects.get(pk=make_article(blog_index).pk)
        assert (article.category_list, article.tag_list) == ([], [])  # fetched for the page
        with django_assert_num_queries(0):
            assert article.related_article_ids() == []

    def test_chosen_drafts_are_left_out(self, blog_index):
        draft = make_article(blog_index, live=False)
        live = make_article(blog_index)
        article = make_article(blog_index, related=[draft, live])
        assert article.related_article_ids() == [live.pk]

    def test_fallback_is_newest_sharing_a_category_or_tag(self, blog_index):
        hope = make_category("Hope")
        old = make_article(blog_index, date=datetime.date(2024, 1, 1), categories=[hope])
        tagged = make_article(blog_index, date=datetime.date(2025, 1, 1), tags=["family"])
        make_article(blog_index, date=datetime.date(2025, 6, 1))  # shares nothing
        make_article(blog_index, date=datetime.date(2025, 7, 1), categories=[hope], live=False)
        newest = make_article(
            blog_index, date=datetime.date(2025, 5, 1), categories=[hope], tags=["family"]
        )
        article = make_article(blog_index, categories=[hope], tags=["family"])
        assert article.related_article_ids() == [newest.pk, tagged.pk, old.pk]

    def test_finding_them_walks_the_newest_first_index(self, blog_index):
        """Rather than gather every article of a category or with a tag, which grows
        with their number."""
        hope = make_category("Hope")
        article = make_article(blog_index, categories=[hope], tags=["calm"])
        with CaptureQueriesContext(connection) as queries:
            article.related_article_ids()
        [sql] = sharing_queries(queries)  # the newest sharing the category or the tag
        plan = sql_plan(sql)
        assert walks_newest_first(plan), plan

    def test_newer_and_private_articles_show_at_once(self, client, blog_index):
        hope = make_category("Hope")

        def make(title, day):
            date = datetime.date(2025, 1, day)
            return make_article(blog_index, title, date=date, categories=[hope])

        reading = make("Reading", 10)
        for day, title in enumerate(["Second", "Third", "Fourth", "Fifth"], start=1):
            make(title, 10 - day)
        assert card_titles(client.get(reading.url)) == ["Second", "Third", "Fourth"]
        newer = make("Newer", 20)
        assert card_titles(client.get(reading.url)) == ["Newer", "Second", "Third"]
        make_private(newer)
        assert card_titles(client.get(reading.url)) == ["Second", "Third", "Fourth"]

    def test_a_preview_suggests_by_the_draft_s_own_categories(self, client, blog_index):
        hope, rest = make_category("Hope"), make_category("Rest")
        make_article(blog_index, "In hope", categories=[hope])
        make_article(blog_index, "In rest", categories=[rest])
        article = make_article(blog_index, "Reading", categories=[hope])
        # Kept from here, for the address a preview is made for.
        live = client.get(article.url, headers={"host": article.get_site().hostname})
        assert card_titles(live) == ["In hope"]
        article.categories = [rest]
        assert card_titles(article.make_preview_request()) == ["In rest"]

    def test_related_articles_show_as_cards(self, client, blog_index):
        other = make_article(blog_index, "Read me next")
        article = make_article(blog_index, related=[other])
        assert card_titles(client.get(article.url)) == ["Read me next"]


def words(count):
    return paragraph("<p>" + " ".join(["word"] * count) + "</p>")


def test_reading_time_counts_the_words_of_the_body(blog_index):
    article = make_article(
        blog_index, body=[("heading", {"text": "Short heading", "level": "h2"}), words(450)]
    )
    assert article.reading_time == 3
    assert BlogPage.objects.get(pk=article.pk).reading_time == 3
    assert make_article(blog_index).reading_time == 1


def test_article_shows_the_stored_reading_time(client, blog_index):
    # Counted when the article is saved, not on every view.
    article = make_article(blog_index)
    BlogPage.objects.filter(pk=article.pk).update(reading_time=7)
    assert "7 minutes read" in client.get(article.url).content.decode()


def test_reading_time_follows_drafts_and_publishing(client, blog_index):
    article = make_article(blog_index, body=[words(100)])
    article.body = [words(900)]
    draft = article.save_revision()
    assert draft.as_object().reading_time == 5
    assert "1 minute read" in client.get(article.url).content.decode()
    preview = article.make_preview_request()
    preview.render()
    assert "5 minutes read" in preview.content.decode()
    draft.publish()
    assert "5 minutes read" in client.get(article.url).content.decode()


def test_revisions_saved_before_reading_time_was_stored_count_it(blog_index):
    article = make_article(blog_index, body=[words(450)])
    revision = article.latest_revision
    revision.content["reading_time"] = 9  # as counted when it was saved: not counted again
    assert revision.as_object().reading_time == 9
    del revision.content["reading_time"]
    assert revision.as_object().reading_time == 3


def test_migration_counts_reading_time_of_existing_articles(blog_index):
    import importlib

    from django.apps import apps

    article = make_article(blog_index, body=[words(650)])
    BlogPage.objects.filter(pk=article.pk).update(reading_time=1)
    migration = importlib.import_module("blog.migrations.0006_reading_time")
    migration.count_reading_times(apps, schema_editor=None)
    assert BlogPage.objects.get(pk=article.pk).reading_time == 4


def test_related_block_links_to_the_article(client, blog_index):
    target = make_article(blog_index, "Boost your mental health")
    article = make_article(blog_index, body=[("related", {"article": target.pk})])
    html = client.get(article.url).content.decode()
    assert '<p class="related"><b>Related:</b> <a href="/blog/boost-your-mental-health/">' in html


def test_body_links_look_up_only_the_chosen_pages_and_only_what_a_link_shows(
    blog_index, django_assert_num_queries
):
    target = make_article(blog_index, "Boost your mental health")
    cta = {"heading": "Reach out", "button_page": None, "show_contact_details": True}
    body = [
        ("related", {"article": target.pk}),
        ("related", {"article": 987654}),  # deleted since it was chosen
        ("call_to_action", cta),
    ]
    article = make_article(blog_index, body=body)
    BlogPage.objects.get(pk=article.pk).body[0].render()  # learns the site's address
    start_new_generation()
    blocks = BlogPage.objects.get(pk=article.pk).body
    with django_assert_num_queries(1) as queries:
        values = [block.value for block in blocks]
    sql = queries.captured_queries[0]["sql"]
    assert "ORDER BY" not in sql and "blog_blogpage" not in sql
    assert values[1]["article"] is None and values[2]["button_page"] is None
    link_fields = {"title", "url_path", "live"}
    assert loaded_columns(values[0]["article"]) == {"id", *link_fields}
    # Showing the link reads nothing left out: each left-out column read costs a query.
    with django_assert_num_queries(0):
        assert "Boost your mental health" in blocks[0].render()


def test_linked_pages_are_looked_up_together_and_renamed_at_once(
    client, blog_index, django_assert_num_queries
):
    target = make_article(blog_index, "Boost your mental health")
    other = make_article(blog_index, "Sleep well")
    article = make_article(
        blog_index,
        body=[("related", {"article": target.pk}), ("related", {"article": other.pk})],
    )
    body = BlogPage.objects.get(pk=article.pk).body
    with django_assert_num_queries(1):
        titles = [block.value["article"].title for block in body]
    assert titles == ["Boost your mental health", "Sleep well"]
    assert "Boost your mental health" in client.get(article.url).content.decode()
    target.title = "Boost your wellbeing"
    target.save_revision().publish()
    assert "Boost your wellbeing" in client.get(article.url).content.decode()


def test_call_to_action_shows_contact_details_from_site_settings(client, blog_index, home_page):
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.phone = "(555) 123-4567"
    site_settings.contact_email = "peers@example.org"
    site_settings.save()
    cta = {
        "heading": "Reach out",
        "text": "We are here.",
        "button_text": "",
        "button_page": None,
        "button_url": "",
        "show_contact_details": True,
    }
    article = make_article(blog_index, body=[("call_to_action", cta)])
    html = client.get(article.url).content.decode()
    cta_html = html[html.index('class="cta-band"') :]
    assert 'href="tel:5551234567"' in cta_html
    assert 'href="mailto:peers@example.org"' in cta_html


def test_call_to_action_button_leaves_out_a_page_unpublished_since(client, blog_index):
    groups = make_article(blog_index, "Our groups")
    cta = {"heading": "Reach out", "button_text": "See our groups", "button_page": groups.pk}
    article = make_article(blog_index, body=[("call_to_action", cta)])

    def buttons():
        return [a["href"] for a in soup(client.get(article.url)).select(".cta-band a.button")]

    assert buttons() == ["/blog/our-groups/"]
    groups.unpublish()
    assert buttons() == []


def test_call_to_action_button_may_go_to_an_address_elsewhere(client, blog_index):
    cta = {
        "heading": "Reach out",
        "button_text": "Find a meeting",
        "button_url": "https://example.org/",
    }
    article = make_article(blog_index, body=[("call_to_action", cta)])
    button = soup(client.get(article.url)).select_one(".cta-band a.button")
    assert (button["href"], button.text) == ("https://example.org/", "Find a meeting")


def test_call_to_action_button_needs_a_destination():
    block = BodyStreamBlock().child_blocks["call_to_action"]
    value = block.to_python({"heading": "Reach out", "button_text": "Contact us"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_video_loads_nothing_from_the_provider_until_played(client, blog_index):
    video = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Our groups"}
    article = make_article(blog_index, body=[("video", video)])
    html = client.get(article.url).content.decode()
    assert "<iframe" not in html
    assert "youtube.com/watch?v=dQw4w9WgXcQ" in html  # the plain link, for readers without JS
    assert 'data-player-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in html
    assert "Play video: Our groups" in html
    assert "ytimg" not in html and "<img" not in html.split('class="video-embed"')[1]


@pytest.mark.parametrize(
    "url", ["https://example.com/video.mp4", "javascript:alert(1)", "https://youtube.com/"]
)
def test_video_accepts_only_youtube_and_vimeo(url):
    block = VideoEmbedBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": url, "title": "A video"}))


def test_vimeo_video_uses_do_not_track():
    block = VideoEmbedBlock()
    value = block.clean(block.to_python({"url": "https://vimeo.com/76979871", "title": "A talk"}))
    assert "player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1" in block.render(value)


def main_content(html):
    return html[html.index("<main") : html.index("</main>")]


def test_preview_renders_like_the_live_page(client, blog_index):
    other = make_article(blog_index, "Next")
    article = make_article(
        blog_index, "Previewed", image=make_image(), tags=["groups"], related=[other]
    )
    live = client.get(article.url).content.decode()
    preview = article.make_preview_request()
    preview.render()
    assert main_content(preview.content.decode()) == main_content(live)


class TestArticleRouting:
    """Wagtail routes the blog's address to its articles."""

    def test_drafts_and_unknown_articles_are_not_found(self, client, blog_index):
        draft = make_article(blog_index, "Draft", live=False)
        assert client.get(f"{blog_index.url}{draft.slug}/").status_code == 404
        assert client.get(f"{blog_index.url}no-such-article/").status_code == 404

    def test_nothing_lives_below_an_article(self, client, blog_index):
        article = make_article(blog_index)
        assert client.get(f"{article.url}more/").status_code == 404

    def test_private_articles_ask_for_their_password(self, client, blog_index):
        article = make_article(blog_index, "Private")
        make_private(article)
        response = client.get(article.url)
        assert response.status_code == 200
        assert "<h1>Private</h1>" not in response.content.decode()
        assert 'name="password"' in response.content.decode()
