"""The articles suggested under an article ("Keep reading") and on a service page: those
staff chose, or else the newest sharing a category or a tag."""

import datetime

from newunity.page_cache import cached_many_for_generation

from .models import RELATED_ARTICLES, BlogPage, BlogPageQuerySet

# How each kind of topic narrows the articles down to its own.
TOPICS = {"category": BlogPageQuerySet.in_category, "tag": BlogPageQuerySet.tagged}
# Of each category and tag, this many of its newest articles are kept: one more than
# is suggested, for the article being read.
NEWEST_PER_TOPIC = RELATED_ARTICLES + 1


def related_article_ids(chosen_ids, category_ids, tag_ids, leaving_out=None):
    """The ids of the articles staff chose, in their order; otherwise of the newest
    sharing a category or a tag, other than the article `leaving_out`. Ids, not
    querysets: in a preview, the page's chosen articles, categories and tags are not
    saved yet."""
    if chosen_ids:
        shown = set(BlogPage.objects.live().public().filter(pk__in=chosen_ids).ids())
        return [pk for pk in chosen_ids if pk in shown][:RELATED_ARTICLES]
    topics = {("category", pk) for pk in category_ids} | {("tag", pk) for pk in tag_ids}
    dates = {
        pk: date or datetime.date.min
        for newest in newest_by_topic(topics)
        for date, pk in newest
        if pk != leaving_out
    }
    newest_first = sorted(dates, key=lambda pk: (dates[pk], pk), reverse=True)
    return newest_first[:RELATED_ARTICLES]


def newest_by_topic(topics):
    """The dates and ids of the newest live, public articles of each (kind, id) topic.
    Each topic's are found by walking the newest-first index, which stops at the first
    matches, and kept for the cache generation: every page sharing the topic uses them."""
    names = {f"newest-articles:{kind}:{pk}": (kind, pk) for kind, pk in topics}

    def find(missing):
        articles = BlogPage.objects.live().public()
        found = {}
        for name in missing:
            kind, pk = names[name]
            newest = TOPICS[kind](articles, pk, walk=True).newest_first()
            found[name] = list(newest.values_list("date", "pk")[:NEWEST_PER_TOPIC])
        return found

    return cached_many_for_generation(list(names), find).values()
