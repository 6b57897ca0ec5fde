"""The articles chosen to suggest on a page moved from rows of their own to a field of
the page: what was chosen, on the page and in its revisions, survives the move both
ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from base.blocks import ChosenArticlesBlock
from tests.factories import make_article, make_blog_index, make_service, make_service_index

BEFORE = [("blog", "0006_reading_time"), ("services", "0003_body_page_links")]
AFTER = [("blog", "0007_chosen_articles"), ("services", "0004_chosen_articles")]


def migrate(targets):
    """The models as they stand after migrating to `targets`."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_chosen_articles_survive_the_move_and_its_undoing(home_page):
    blog = make_blog_index(home_page)
    first, second, gone = make_article(blog), make_article(blog), make_article(blog)
    article = make_article(blog, related=[second, gone, first], with_revision=True)
    service = make_service(make_service_index(home_page), related=[first])
    article.save_revision()  # a draft, as an editor leaves one
    gone.delete()  # a field keeps its id; a row could not

    try:
        old = migrate(BEFORE)
        links = old.get_model("blog", "BlogPageRelatedArticle").objects.order_by("sort_order")
        assert [(link.page_id, link.article_id) for link in links] == [
            (article.pk, second.pk),
            (article.pk, first.pk),
        ]
        service_links = old.get_model("services", "ServicePageRelatedArticle").objects.all()
        assert [(link.page_id, link.article_id) for link in service_links] == [
            (service.pk, first.pk)
        ]
        revisions = old.get_model("wagtailcore", "Revision").objects.filter(
            object_id=str(article.pk)
        )
        assert revisions.count() == 2  # the published page's, and the draft
        for revision in revisions:
            assert [link["article"] for link in revision.content["related_links"]] == [
                second.pk,
                first.pk,
            ]
            assert "chosen_articles" not in revision.content
    finally:
        migrate(AFTER)

    article.refresh_from_db()
    service.refresh_from_db()
    assert ChosenArticlesBlock.article_ids(article.chosen_articles) == [second.pk, first.pk]
    assert ChosenArticlesBlock.article_ids(service.chosen_articles) == [first.pk]
    draft = article.get_latest_revision_as_object()
    assert ChosenArticlesBlock.article_ids(draft.chosen_articles) == [second.pk, first.pk]
    assert "related_links" not in article.get_latest_revision().content
