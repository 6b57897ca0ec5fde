"""Builders for service content in tests: small functions over the real models."""

import itertools

from base.demo import choose_key_page, get_or_create_child
from forms.models import ContactFormPage
from services.models import ServiceIndexPage, ServicePage

_numbers = itertools.count(1)


def make_service_index(home_page):
    return get_or_create_child(
        home_page, ServiceIndexPage, "services", title="Services", intro="What we offer."
    )


def make_contact_page(home_page, *, chosen=True):
    """The contact page at /contact/; `chosen` as the site's contact page in its settings
    (unless another already is), as staff do."""
    page = get_or_create_child(home_page, ContactFormPage, "contact", title="Contact us")
    if chosen:
        choose_key_page(page, "contact_page")
    return page


def make_service(index, title=None, *, categories=(), tags=(), related=(), **fields):
    """A live service under `index`. Without a revision history, which keeps volume
    tests fast; readers see exactly the same page."""
    title = title or f"Service {next(_numbers)}"
    fields.setdefault("summary", f"What {title} offers, in a sentence.")
    service = ServicePage(title=title, **fields)
    service.categories = list(categories)
    service.chosen_articles = [("article", article) for article in related]
    service.tags.add(*tags)
    index.add_child(instance=service)
    return service
