"""Whatever staff type into an admin search box, the admin answers with results or
none, never a server error: on SQLite and on PostgreSQL."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from forms.models import ContactSubmission
from tests.factories import (
    make_article,
    make_author,
    make_category,
    make_contact_page,
    make_image,
    sign_in_verified,
)

ODD_QUERIES = [
    'peer "support',  # an unclosed phrase
    "peer\x00support",  # a NUL
    "peer\x01\x1f\x7f",  # other control characters
    "AND OR NOT",
    "-peer +support*",
    "peer OR",
    "(peer",
    "peer)",
    "'peer",
    "peer\\",
    "%_%",
    '"',
    '""',
    "*",
    ":",
    "NEAR(peer support)",
    "support^2",
    "peer support " * 800,  # about 10,000 characters
    "😀 Peer",
]

SEARCHES = {
    "images": "wagtailimages:index",
    "image chooser": "wagtailimages_chooser:choose",
    "documents": "wagtaildocs:index",
    "document chooser": "wagtaildocs_chooser:choose",
    "pages": "wagtailadmin_pages:search",
    "page chooser": "wagtailadmin_choose_page_search",
    "users": "wagtailusers_users:index",
    "authors": "wagtailsnippets_blog_author:list",
    "categories": "wagtailsnippets_blog_blogcategory:list",
    "author chooser": "wagtailsnippetchoosers_blog_author:choose",
    "contact inbox": "wagtailsnippets_forms_contactsubmission:list",
    "sign-in lockouts": "sign_in_lockouts:index",
}


@pytest.fixture
def something_to_find(blog_index, django_user_model):
    make_article(blog_index, "Peer support on Tuesdays")
    make_image("Peer support group")
    get_document_model().objects.create(
        title="Peer support leaflet", file=ContentFile(b"Peer support", name="leaflet.txt")
    )
    make_author(name="Peer Supporter")
    make_category("Peer support")
    ContactSubmission.objects.create(
        page=make_contact_page(blog_index.get_parent()),
        form_data={"name": "Peer Person", "message": "About peer support"},
        email="peer@example.org",
        service="Peer support",
    )
    return django_user_model.objects.create_superuser("boss", "boss@newunity.test", "pw")


@pytest.mark.parametrize("search", SEARCHES)
def test_no_query_text_breaks_an_admin_search(client, something_to_find, search):
    sign_in_verified(client, something_to_find)
    address = reverse(SEARCHES[search])
    assert client.get(address, {"q": "peer support"}).status_code == 200
    for query in ODD_QUERIES:
        response = client.get(address, {"q": query})
        assert response.status_code < 500, (search, query)


def test_a_very_long_admin_search_is_shortened_and_says_so(client, something_to_find):
    sign_in_verified(client, something_to_find)
    response = client.get(reverse("wagtailimages:index"), {"q": "peer support " * 100})
    html = response.content.decode()
    assert "Searches are limited to 100 characters" in html
    assert "Peer support group" in html  # what the shortened search still finds
