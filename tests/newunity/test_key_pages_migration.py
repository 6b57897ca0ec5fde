"""The contact page and the privacy policy, found by convention until they were chosen in
the site settings, are chosen there by the migration for every site that has them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Site

from base.demo import get_or_create_child
from base.models import SiteSettings
from forms.models import ContactFormPage
from home.models import StandardPage

BEFORE = [("base", "0002_key_pages")]
AFTER = [("base", "0003_fill_key_pages")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_site_gets_the_contact_page_and_privacy_policy_it_had(home_page):
    contact = get_or_create_child(home_page, ContactFormPage, "contact", title="Contact us")
    privacy = get_or_create_child(home_page, StandardPage, "privacy-policy", title="Privacy")
    # A second site, without a contact page, whose privacy policy is its own.
    other_home = get_or_create_child(home_page, StandardPage, "elsewhere", title="Elsewhere")
    other_privacy = get_or_create_child(other_home, StandardPage, "privacy-policy", title="P")
    other_site = Site.objects.create(hostname="elsewhere.example", root_page=other_home)
    # A choice already made is kept; the other site has no settings until first read.
    default_settings = SiteSettings.for_site(home_page.get_site())
    default_settings.contact_page, default_settings.privacy_page = None, privacy
    default_settings.save()
    privacy.slug = "our-privacy-policy"
    privacy.save_revision().publish()
    get_or_create_child(home_page, StandardPage, "privacy-policy", title="An old policy")

    try:
        migrate(BEFORE)
    finally:
        migrate(AFTER)

    default_settings.refresh_from_db()
    assert default_settings.contact_page_id == contact.pk
    assert default_settings.privacy_page_id == privacy.pk
    other = SiteSettings.objects.get(site=other_site)
    assert (other.contact_page_id, other.privacy_page_id) == (None, other_privacy.pk)
