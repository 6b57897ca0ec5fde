"""The block picker previews each block that has a preview value, in the site's look."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from base.blocks import BodyStreamBlock

PREVIEWED = {"heading", "paragraph", "quote", "call_to_action"}


@pytest.fixture
def staff_client(client, django_user_model, db):
    editor = django_user_model.objects.create_user("writer", password="a-long-password")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    return client


def body_blocks():
    """The blocks of an article's body (and every other page's): base/blocks.py."""
    return BodyStreamBlock().child_blocks


def test_the_blocks_with_preview_values_are_previewed():
    previewed = {name for name, block in body_blocks().items() if block.is_previewable}
    assert previewed == PREVIEWED


@pytest.mark.parametrize("name", sorted(PREVIEWED))
def test_preview_renders_the_block_with_the_sites_stylesheet(staff_client, home_page, name):
    block = body_blocks()[name]
    response = staff_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.[^"]*css"', html), html
    # Inside the same wrapper as an article's body, so it takes the article's type styles.
    assert '<div class="article__body prose">' in html
    assert f'class="w-block-{name} block-{name}"' in html
    # The block's own template, with its preview value.
    expected = {
        "heading": '<h2 id="how-peer-support-helps">',
        "paragraph": "<b>Consistent presence:</b>",
        "quote": "nobody should walk it alone",
        "call_to_action": '<section class="cta-band">',
    }[name]
    assert expected in html
