"""RSS 2.0 and Atom feeds of the newest articles: all of them, or one category or tag.
Served by BlogIndexPage's routes, which pass the listing in."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

FEED_LENGTH = 20


@dataclass
class Listing:
    index: "BlogIndexPage"  # noqa: F821
    request: object
    category: "BlogCategory | None" = None  # noqa: F821
    tag: Tag | None = None

    @property
    def route(self):
        if self.category:
            return self.index.reverse_subpage("category", args=[self.category.slug])
        if self.tag:
            return self.index.reverse_subpage("tag", args=[self.tag.slug])
        return ""

    @property
    def url(self):
        return self.index.get_full_url(self.request) + self.route

    @property
    def name(self):
        if self.category:
            return f"{self.index.title}: {self.category.name}"
        if self.tag:
            return f"{self.index.title}: tagged “{self.tag.name}”"
        return self.index.title

    def articles(self):
        articles = self.index.articles()
        if self.category:
            articles = articles.filter(categories=self.category)
        if self.tag:
            articles = articles.filter(tags=self.tag)
        return articles.select_related("author").prefetch_related("categories")


class ArticlesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    format_name = "rss"

    def get_object(self, request, index, category=None, tag=None):
        return Listing(index=index, request=request, category=category, tag=tag)

    def title(self, listing):
        return listing.name

    def link(self, listing):
        return listing.url

    def feed_url(self, listing):
        return listing.url + listing.index.reverse_subpage("feed", args=[self.format_name])

    def description(self, listing):
        return (listing.category.description if listing.category else "") or listing.index.intro

    def items(self, listing):
        self.request = listing.request
        return listing.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
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
        return self.description(listing)


FEEDS = {feed.format_name: feed for feed in (ArticlesRssFeed, ArticlesAtomFeed)}
