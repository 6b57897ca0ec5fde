"""The contact page itself, as editors and the demo loader create it."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from forms.models import ContactFormPage
from tests.factories import sign_in_verified

from .conftest import valid_answers

DEFAULT_FIELD_TYPES = [
    "singleline",
    "email",
    "phone",
    "radio",
    "service",
    "multiline",
    "acknowledgement",
]


def test_demo_page_has_the_default_fields_and_loading_again_changes_nothing(home_page):
    import forms.demo

    page = forms.demo.load(home_page)
    forms.demo.load(home_page)
    assert ContactFormPage.objects.count() == 1
    assert [f.field_type for f in page.form_fields.all()] == DEFAULT_FIELD_TYPES
    # Stored in order: PostgreSQL returns unnumbered rows in any order.
    assert [f.sort_order for f in page.form_fields.all()] == list(range(len(DEFAULT_FIELD_TYPES)))


def test_a_page_created_in_the_admin_starts_with_the_default_fields(client, home_page, superuser):
    sign_in_verified(client, superuser)
    add_url = reverse("wagtailadmin_pages:add", args=["forms", "contactformpage", home_page.pk])
    form = client.get(add_url).context["form"]
    defaults = form.formsets["form_fields"].forms
    assert [f.instance.field_type for f in defaults] == DEFAULT_FIELD_TYPES

    fields = [
        {
            "id": "",
            "ORDER": str(i),
            "label": f.instance.label,
            "field_type": f.instance.field_type,
            "required": f.instance.required,
            "choices": f.instance.choices,
            "default_value": f.instance.default_value,
            "help_text": f.instance.help_text,
        }
        for i, f in enumerate(defaults)
    ]
    data = nested_form_data(
        {
            "title": "Contact",
            "slug": "contact",
            "intro": rich_text(""),
            "thank_you_text": rich_text(""),
            "form_fields": inline_formset(fields, initial=len(fields)),
            "acknowledgement_subject": "Thanks",
            "acknowledgement_text": "Thanks",
            "action-publish": "publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = ContactFormPage.objects.get()
    assert [f.field_type for f in page.form_fields.all()] == DEFAULT_FIELD_TYPES


def test_pages_loaded_from_the_database_keep_their_own_fields(contact_page):
    contact_page.form_fields.all().last().delete()
    assert ContactFormPage.objects.get().form_fields.count() == 6


def test_contact_page_is_never_stored_in_shared_caches(client, contact_page):
    responses = [
        client.get(contact_page.url),
        client.post(contact_page.url, valid_answers()),
        client.get(f"{contact_page.url}?sent"),
    ]
    for response in responses:
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_fields_saved_without_a_position_are_numbered_in_creation_order(home_page):
    import importlib

    from django.apps import apps

    import forms.demo

    page = forms.demo.load(home_page)
    page.form_fields.all().update(sort_order=None)
    migration = importlib.import_module("forms.migrations.0004_number_unordered_form_fields")
    migration.number_fields(apps, schema_editor=None)
    fields = page.form_fields.order_by("pk")
    assert [f.sort_order for f in fields] == list(range(len(DEFAULT_FIELD_TYPES)))
    assert [f.field_type for f in page.form_fields.all()] == DEFAULT_FIELD_TYPES


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_form_answers_only_the_methods_readers_use(client, contact_page, method):
    response = getattr(client, method)(contact_page.url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) >= {"GET", "POST"}
