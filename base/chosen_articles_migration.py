"""Moves the articles staff chose to suggest on a page from rows of their own (an
inline panel) to a field of the page (`chosen_articles`), and back, for the blog's
and the services' migrations.

The page's revisions move too: the editor opens a page at its latest revision, and
publishing a draft saved before the move would otherwise drop the choice.
"""

import json
import uuid
from collections import defaultdict


def as_blocks(article_ids):
    return [{"type": "article", "value": pk, "id": str(uuid.uuid4())} for pk in article_ids]


def revisions_of(apps, app_label, page_model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label=app_label, model=page_model.lower())
    return Revision.objects.filter(content_type__in=content_type)


def to_field(app_label, page_model, link_model, relation):
    """A RunPython function: the `link_model` rows of each page (its `relation`) become
    its `chosen_articles`, in their order."""

    def forwards(apps, schema_editor):
        Page = apps.get_model(app_label, page_model)
        Link = apps.get_model(app_label, link_model)
        chosen = defaultdict(list)
        for page_id, article_id in Link.objects.order_by("page_id", "sort_order", "pk").values_list(
            "page_id", "article_id"
        ):
            chosen[page_id].append(article_id)
        for page_id, article_ids in chosen.items():
            Page.objects.filter(pk=page_id).update(chosen_articles=as_blocks(article_ids))
        for revision in revisions_of(apps, app_label, page_model).iterator():
            links = revision.content.pop(relation, None)
            if links is None:
                continue
            ordered = sorted(links, key=lambda link: link.get("sort_order") or 0)
            revision.content["chosen_articles"] = json.dumps(
                as_blocks(link["article"] for link in ordered)
            )
            revision.save(update_fields=["content"])

    return forwards


def to_rows(app_label, page_model, link_model, relation):
    """The reverse of `to_field`."""

    def backwards(apps, schema_editor):
        Page = apps.get_model(app_label, page_model)
        Link = apps.get_model(app_label, link_model)
        # A field keeps the id of an article deleted since it was chosen; a row may not.
        articles = set(apps.get_model("blog", "BlogPage").objects.values_list("pk", flat=True))

        def still_there(children):
            return [child["value"] for child in children if child["value"] in articles]

        for page in Page.objects.only("chosen_articles").iterator():
            Link.objects.bulk_create(
                Link(page_id=page.pk, article_id=article_id, sort_order=position)
                for position, article_id in enumerate(still_there(page.chosen_articles.raw_data))
            )
        for revision in revisions_of(apps, app_label, page_model).iterator():
            stream = revision.content.pop("chosen_articles", None)
            if stream is None:
                continue
            children = json.loads(stream) if isinstance(stream, str) else stream
            revision.content[relation] = [
                {
                    "pk": None,
                    "sort_order": position,
                    "page": int(revision.object_id),
                    "article": article_id,
                }
                for position, article_id in enumerate(still_there(children))
            ]
            revision.save(update_fields=["content"])

    return backwards
