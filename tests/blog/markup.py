"""Reading what the blog's pages say, as a reader or a machine would."""

import json
import re
from html.parser import HTMLParser

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(response):
    """Every JSON-LD object on the page, by its @type."""
    return {
        data["@type"]: data
        for data in (json.loads(raw) for raw in LD_JSON.findall(response.content.decode()))
    }


class _HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.metas, self.card_titles = [], {}, []
        self.in_card_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif "card__title" in (attrs.get("class") or ""):
            self.in_card_title = True
            self.card_titles.append("")

    def handle_endtag(self, tag):
        if tag in {"h2", "h3"}:
            self.in_card_title = False

    def handle_data(self, data):
        if self.in_card_title:
            self.card_titles[-1] += data


def parse(response):
    parser = _HeadLinks()
    parser.feed(response.content.decode())
    return parser


def canonical(response):
    return next(link["href"] for link in parse(response).links if link.get("rel") == "canonical")


def feed_links(response):
    return {
        link["type"]: link["href"]
        for link in parse(response).links
        if link.get("rel") == "alternate"
    }


def card_titles(response):
    return [title.strip() for title in parse(response).card_titles]
