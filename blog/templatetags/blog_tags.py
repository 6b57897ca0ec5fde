"""Template tags for articles."""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Site

from base.page_cache import cached_many_for_generation
from blog.models import BlogPage

register = template.Library()


@register.simple_tag(takes_context=True)
def article_cards(context, article_ids, heading_level="h2"):
    """The cards of the articles `article_ids`, in that order, as HTML: wrap each in an
    <li> of a <ul class="card-grid">. The same cards show on the home page, the listings,
    the services and under articles: each is rendered once per cache generation for all
    of them, and those not kept are fetched in one go."""
    request = context["request"]
    site = Site.find_for_request(request)
    # A card links to its article by a path on the article's own site, by a full
    # address on any other.
    names = {pk: f"article-card:{site and site.pk}:{heading_level}:{pk}" for pk in article_ids}

    def render(missing):
        wanted = [pk for pk, name in names.items() if name in missing]
        return {
            names[article.pk]: render_to_string(
                "blog/includes/article_card.html",
                {"article": article, "heading_level": heading_level},
                request=request,
            )
            for article in BlogPage.objects.filter(pk__in=wanted).for_cards()
        }

    cards = cached_many_for_generation(list(names.values()), render)
    return [cards[name] for name in names.values() if name in cards]
