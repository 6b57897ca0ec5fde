"""Template tags for articles."""

from django import template
from django.template.loader import get_template

from blog.models import BlogPage

register = template.Library()


@register.simple_tag(takes_context=True)
def article_cards(context, article_ids, heading_level="h2"):
    """The cards of the articles `article_ids`, in that order, as HTML: wrap each in an
    <li> of a <ul class="card-grid">. The same cards show on the home page, the listings,
    the services and under articles; they are fetched in one go."""
    article_ids = list(article_ids)
    if not article_ids:
        return []
    articles = {
        article.pk: article for article in BlogPage.objects.filter(pk__in=article_ids).for_cards()
    }
    card = get_template("blog/includes/article_card.html")
    request = context["request"]
    return [
        card.render({"article": articles[pk], "heading_level": heading_level}, request)
        for pk in article_ids
        if pk in articles
    ]
