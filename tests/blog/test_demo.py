import datetime

from wagtail.models import Revision

import blog.demo
from blog.models import BlogCategory, BlogPage


def test_demo_articles_follow_the_house_style(client, home_page):
    blog.demo.load(home_page)
    articles = BlogPage.objects.live().public()
    assert articles.count() >= 6
    assert BlogCategory.objects.filter(blogpage__in=articles).distinct().count() >= 3
    for article in articles.specific():
        block_types = [block.block_type for block in article.body]
        assert block_types[0] == "quote"
        assert "heading" in block_types and "related" in block_types
        assert block_types[-1] == "call_to_action"
        assert article.tags.exists()
        assert article.feature_image.description
        assert "<b>" in str(article.body)

    peer_support = articles.get(title="The Role of Peer Support in Mental Health Recovery")
    assert peer_support.date == datetime.date(2025, 9, 17)
    related = next(block for block in peer_support.body if block.block_type == "related")
    assert related.value["article"].title == "Boost Your Mental Health With Faith-Based Counseling"
    first_group = articles.get(title="What to Expect at Your First Peer Support Group")
    related_ids = first_group.related_article_ids()
    related = BlogPage.objects.in_bulk(related_ids)
    assert [related[pk].title for pk in related_ids] == [
        "How to Support a Loved One in Addiction Recovery",
        "Small Steps for Managing Stress and Anxiety",
    ]
    html = client.get(peer_support.url).content.decode()
    assert (
        '<b>Related:</b> <a href="/blog/boost-your-mental-health-with-faith-based-counseling/">'
        in html
    )


def test_loading_the_demo_again_changes_nothing(home_page):
    blog.demo.load(home_page)
    before = (BlogPage.objects.count(), Revision.objects.count())
    blog.demo.load(home_page)
    assert (BlogPage.objects.count(), Revision.objects.count()) == before
