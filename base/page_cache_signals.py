"""What makes cached pages stale, and what runs when a page is published.

Correct and simple beats clever: any saved or deleted object a reader could see
on some page starts a new cache generation, so every cached page is rebuilt on
its next request. Writes made while pages render (renditions, embeds, search
index rows) and private records (form submissions, sessions, revisions) do not.
"""

from functools import cache

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from modelcluster.fields import ParentalKey
from taggit.models import TagBase
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    Comment,
    CommentReply,
    Locale,
    Page,
    Site,
    WorkflowTask,
)
from wagtail.signals import page_published, post_page_move
from wagtail.snippets.models import get_snippet_models

from .cache import cache_server_recovered
from .page_cache import start_new_generation, unless_cache_down
from .renditions import generate_page_renditions

READER_VISIBLE_BASES = (
    Page,
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractImage,
    AbstractDocument,
    Collection,
    Site,
    Locale,
    BaseViewRestriction,
    TagBase,
)


# What editors' own work saves on a page: a draft, a revision, comments, a lock. Readers
# see the page as before (Wagtail autosaves drafts every few seconds while staff type).
EDITORIAL_FIELDS = frozenset(
    {
        "comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)
# Private to staff, though they hang off pages or are listed among snippets.
STAFF_ONLY_BASES = (AbstractFormSubmission, Comment, CommentReply, WorkflowTask)


@cache
def is_reader_visible(model):
    if issubclass(model, STAFF_ONLY_BASES):
        return False
    if issubclass(model, READER_VISIBLE_BASES) or model in get_snippet_models():
        return True
    # Inline rows (menu items, form fields, page tags) of pages, snippets and settings.
    return any(isinstance(field, ParentalKey) for field in model._meta.get_fields())


def on_content_change(sender, created=False, update_fields=None, **kwargs):
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults as a page first reads it: what readers saw already
    if update_fields and update_fields <= EDITORIAL_FIELDS:
        return
    if is_reader_visible(sender):
        # At once, so that what this transaction renders next shows the change (the
        # fragments pages keep are cached by generation too), and again after commit: a
        # reader rendering the page before then would otherwise store the old content
        # under the new generation.
        unless_cache_down(start_new_generation)
        transaction.on_commit(start_new_generation, robust=True)


def on_page_move(sender, **kwargs):
    transaction.on_commit(start_new_generation, robust=True)


def on_migrate(sender, **kwargs):
    # A deploy runs migrations and may bring new templates: start afresh. A cache server
    # that is away holds nothing to forget, and must not stop the deploy.
    unless_cache_down(start_new_generation)


def on_cache_server_recovered(sender, **kwargs):
    # A change made while the cache server was away could not start a new generation:
    # what it holds from before may be stale.
    unless_cache_down(start_new_generation)


def on_page_published(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: generate_page_renditions.enqueue(page_id), robust=True)


def connect():
    post_save.connect(on_content_change, dispatch_uid="page_cache_save")
    post_delete.connect(on_content_change, dispatch_uid="page_cache_delete")
    post_page_move.connect(on_page_move, dispatch_uid="page_cache_move")
    # Once per migrate run, not once per app.
    post_migrate.connect(
        on_migrate, sender=apps.get_app_config("wagtailcore"), dispatch_uid="page_cache_migrate"
    )
    page_published.connect(on_page_published, dispatch_uid="page_renditions")
    cache_server_recovered.connect(on_cache_server_recovered, dispatch_uid="page_cache_recovered")
