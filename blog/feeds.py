"""RSS 2.0 and Atom feeds of the newest articles of a listing (all, a category or a tag).
BlogIndexPage's routes serve them."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class ArticlesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    format_name = "rss"

    def get_object(self, request, listing):
        self.request = request
        return listing

    def title(self, listing):
        return listing.feed_title

    def link(self, listing):
        return listing.url(self.request)

    def feed_url(self, listing):
        return listing.url(self.request) + listing.index.reverse_subpage(
            "feed", args=[self.format_name]
        )

    def description(self, listing):
        return listing.summary

    def items(self, listing):
        articles = listing.articles().select_related("author").prefetch_related("categories")
        return articles[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time()))

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author.name if article.author else None

    def item_categories(self, article):
        return [category.name for category in article.categories.all()]


class ArticlesAtomFeed(ArticlesRssFeed):
    feed_type = Atom1Feed
    format_name = "atom"

    def subtitle(self, listing):
        return listing.summary


FEEDS = {feed.format_name: feed for feed in (ArticlesRssFeed, ArticlesAtomFeed)}
