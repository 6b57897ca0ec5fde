import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

import services.demo
from base.demo import get_or_create_child
from blog.models import BlogPage
from home.models import StandardPage
from search.views import MAX_QUERY_LENGTH
from tests.factories import (
    make_article,
    make_contact_page,
    make_private,
    make_service,
    make_service_index,
    paragraph,
)


def result_titles(response):
    return re.findall(r'<h3><a href="[^"]+">(.*?)</a></h3>', response.content.decode())


@pytest.fixture
def articles(blog_index):
    make_article(blog_index, "Finding hope in company", summary="About groups.")
    make_article(
        blog_index,
        "Sleep and recovery",
        body=[paragraph("<p>A steady bedtime makes mornings kinder.</p>")],
    )
    make_article(blog_index, "Hope in draft", live=False)
    make_private(make_article(blog_index, "Private hope"))


def test_search_finds_articles_by_title(client, articles):
    response = client.get("/search/", {"query": "hope"})
    assert response.status_code == 200
    assert result_titles(response) == ["Finding hope in company"]


@pytest.mark.parametrize(
    "typed",
    [
        'peer "support',
        '"',
        "hope\x00",
        '"finding hope"',
        "hope AND (",
        "-hope",
        "hope*",
        "a:b",
        "')",
    ],
)
def test_any_text_typed_gets_an_answer_not_an_error(client, articles, typed):
    response = client.get("/search/", {"query": typed})
    assert response.status_code == 200


def test_an_unclosed_quote_still_finds_the_words(client, articles):
    response = client.get("/search/", {"query": 'finding "hope'})
    assert result_titles(response) == ["Finding hope in company"]


def test_search_finds_articles_by_body_text(client, articles):
    response = client.get("/search/", {"query": "bedtime"})
    assert result_titles(response) == ["Sleep and recovery"]


def test_search_without_results_says_so(client, articles):
    response = client.get("/search/", {"query": "zebra"})
    assert response.status_code == 200
    assert "0 results" in response.content.decode()
    assert 'class="empty-state"' in response.content.decode()


def test_search_form_alone_when_no_query(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="query"' in response.content.decode()
    assert "result" not in response.content.decode().split("</form>")[1]


def test_overlong_query_gets_a_polite_message(client, articles):
    response = client.get("/search/", {"query": "hope " * MAX_QUERY_LENGTH})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Please shorten your search to {MAX_QUERY_LENGTH} characters" in html
    assert 'aria-invalid="true"' in html


def test_search_results_are_paginated_and_survive_bad_page_numbers(client, blog_index):
    for number in range(12):
        make_article(blog_index, f"Hope story {number}", with_revision=False)
    first = client.get("/search/", {"query": "story"})
    assert len(result_titles(first)) == 10
    for page in ("2", "99", "x"):
        response = client.get("/search/", {"query": "story", "page": page})
        assert response.status_code == 200
    assert len(result_titles(client.get("/search/", {"query": "story", "page": "99"}))) == 2


def test_search_finds_services_too(client, home_page, articles):
    services.demo.load(home_page)
    titles = result_titles(client.get("/search/", {"query": "Peer-run groups"}))
    assert "Peer-run groups" in titles


def test_search_covers_only_this_sites_pages(client, articles):
    outside = Page(title="Hope outside the site", slug="outside")
    Page.get_first_root_node().add_child(instance=outside)
    response = client.get("/search/", {"query": "outside"})
    assert result_titles(response) == []


def set_first_published(page, year):
    BlogPage.objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    )


def test_search_lists_the_most_relevant_pages_first(client, blog_index):
    # The older one is about hope; the newer mentions it once in passing.
    older = make_article(
        blog_index,
        "Hope at home",
        summary="Hope, hope, hope.",
        body=[paragraph("<p>Hope grows. Hope stays. Hope heals.</p>")],
        with_revision=False,
    )
    newer = make_article(
        blog_index,
        "Work",
        summary="A long summary about jobs, rotas, payslips and what a day at work "
        "looks like for a peer worker, which mentions hope once.",
        with_revision=False,
    )
    set_first_published(older, 2024)
    set_first_published(newer, 2025)
    assert result_titles(client.get("/search/", {"query": "hope"})) == [older.title, newer.title]


def test_pages_equally_relevant_are_listed_newest_first(client, blog_index):
    first = make_article(blog_index, "Hope on Monday", with_revision=False)
    second = make_article(blog_index, "Hope on Friday", with_revision=False)
    set_first_published(first, 2024)
    set_first_published(second, 2025)
    assert result_titles(client.get("/search/", {"query": "hope"})) == [
        second.title,
        first.title,
    ]


def test_promoted_pages_come_first_in_their_order_then_the_rest(client, blog_index, home_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    relevant = make_article(blog_index, "Sleep", summary="Sleep, sleep, sleep.")
    promoted = make_article(blog_index, "Rest and recovery", summary="Sleep helps.")
    unrelated = make_article(blog_index, "Where to find us")
    query = Query.objects.create(query_string="sleep")
    SearchPromotion.objects.create(query=query, page=unrelated, sort_order=0)
    SearchPromotion.objects.create(
        query=query, page=promoted, sort_order=1, description="Our guide to resting well."
    )
    response = client.get("/search/", {"query": "  SLEEP "})
    # Each page once: promoted pages are not repeated among the results.
    assert result_titles(response) == [unrelated.title, promoted.title, relevant.title]
    html = response.content.decode()
    assert "Our guide to resting well." in html
    assert "1 result for" in html

    unrelated.unpublish()
    assert result_titles(client.get("/search/", {"query": "sleep"})) == [
        promoted.title,
        relevant.title,
    ]


def test_searching_for_crisis_words_shows_the_crisis_and_contact_pages_first(client, home_page):
    from django.core.management import call_command

    call_command("load_demo_content", stdout=io.StringIO())
    for words in ("crisis", "Suicide", "988", "overdose"):
        titles = result_titles(client.get("/search/", {"query": words}))
        assert titles[:2] == ["Help in a crisis", "Contact us"], (words, titles)
        assert titles.count("Help in a crisis") == 1


def test_search_queries_do_not_grow_with_results_or_promotions(client, blog_index):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.objects.create(query_string="garden")

    def queries_with(articles, promotions):
        for _ in range(articles):
            make_article(blog_index, "Garden group", with_revision=False)
        for page in BlogPage.objects.all()[:promotions]:
            SearchPromotion.objects.get_or_create(query=query, page=page)
        client.get("/search/", {"query": "garden"})
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/", {"query": "garden"})
        return len(queries.captured_queries)

    few = queries_with(articles=2, promotions=1)
    many = queries_with(articles=25, promotions=4)
    print(f"\nsearch: {few} queries with 2 results and 1 promotion, {many} with 27 and 4")
    assert few == many


def test_results_of_every_type_cost_the_same_queries_and_show_their_text(
    client, blog_index, home_page
):
    make_article(blog_index, "Walking together", summary="A walk every Sunday.")
    make_service(make_service_index(home_page), "Walking group")
    get_or_create_child(
        home_page, StandardPage, "walking", title="Walking safely", intro="Wear bright colours."
    )
    contact = make_contact_page(home_page)
    contact.title = "Walking directions"
    contact.intro = "<p>Walking to us? <b>Ring the bell.</b></p>"
    contact.save_revision().publish()

    def queries_and_page(query):
        client.get("/search/", {"query": query})
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"query": query})
        return len(queries.captured_queries), response.content.decode()

    one_type, _ = queries_and_page("Sunday")
    many_types, html = queries_and_page("walking")
    assert one_type == many_types
    assert "A walk every Sunday." in html
    assert "Wear bright colours." in html
    assert "Walking to us? Ring the bell." in html


def test_results_say_which_are_articles_with_their_dates_and_which_are_services(
    client, blog_index, home_page
):
    make_article(blog_index, "Walking together", date=datetime.date(2025, 9, 17))
    make_service(make_service_index(home_page), "Walking group")
    get_or_create_child(home_page, StandardPage, "walking", title="Walking safely")
    html = client.get("/search/", {"query": "walking"}).content.decode()
    kinds = dict(
        re.findall(r'<h3><a href="[^"]+">(.*?)</a></h3>\s*(?:<p class="meta">(.*?)</p>)?', html)
    )
    assert kinds == {
        "Walking together": (
            'Article <span aria-hidden="true">·</span> '
            '<time datetime="2025-09-17">September 17, 2025</time>'
        ),
        "Walking group": "Service",
        "Walking safely": "",
    }


def test_search_is_planned_from_how_many_pages_match(client, blog_index):
    """PostgreSQL plans a search from statistics on the text it searches: guessing
    instead that few pages match, it compared every page with every match when many
    did. SQLite answers from its own full-text index."""
    for _ in range(40):
        make_article(blog_index, body=[paragraph("<p>Recovery takes time.</p>")])
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"query": "recovery"})
    (count,) = [query["sql"] for query in queries.captured_queries if "COUNT(*)" in query["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As autovacuum does once enough rows have changed.
            cursor.execute("ANALYZE wagtailcore_page, wagtailsearch_indexentry")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {count}")
            (matches,) = cursor.fetchone()[0][0]["Plan"]["Plans"]
            assert matches["Plan Rows"] >= 20, matches
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {count}")
            plan = [row[-1] for row in cursor.fetchall()]
            assert any("VIRTUAL TABLE INDEX" in step for step in plan), plan


def promote(client, query_string, page):
    return client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": query_string,
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": page.pk,
            "editors_picks-0-description": "",
        },
    )


def test_moderators_pin_a_page_for_a_search_and_readers_see_it_first(
    client, blog_index, django_user_model
):
    from django.contrib.auth.models import Group

    make_article(blog_index, "Evening walks", summary="Walks, walks and more walks.")
    pinned = make_article(blog_index, "Our groups", summary="Every group we run.")
    moderator = django_user_model.objects.create_user("mod", password="a-long-password")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = django_user_model.objects.create_user("ed", password="a-long-password")
    editor.groups.add(Group.objects.get(name="Editors"))

    client.force_login(editor)
    assert promote(client, "walks", pinned).status_code == 302
    client.logout()
    assert result_titles(client.get("/search/", {"query": "walks"})) == ["Evening walks"]

    client.force_login(moderator)
    response = promote(client, "Walks", pinned)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsearchpromotions:index")
    client.logout()
    assert result_titles(client.get("/search/", {"query": "walks"})) == [
        "Our groups",
        "Evening walks",
    ]
