"""The blog in the admin: the author snippet, whose chooser lets Content leads add a
missing author, and the article editor's "Import from a Word document" button
(wagtail-content-import), which makes the .docx the article's blocks through
blog/importing.py."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_content_import.pickers.local.utils import LocalPicker
from wagtail_content_import.utils import (
    create_page_from_import,
    is_importing,
    set_importing,
    update_page_from_import,
)

from .importing import ImportProblem, read_word_document
from .models import Author

FILE_FIELD = "word-document"


class AuthorChooserViewSet(SnippetChooserViewSet):
    """The article's author chooser, with a tab to add a missing author, offered to
    those who may add authors (Content leads)."""

    form_fields = ["name", "role", "bio"]
    creation_tab_label = "Add an author"
    create_action_label = "Add this author"


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    chooser_viewset_class = AuthorChooserViewSet


register_snippet(AuthorViewSet)


class WordDocumentPicker(LocalPicker):
    name = "word-document"
    verbose_name = "a Word document (.docx)"
    icon = "icon-doc-full"
    js_template = "blog/admin/word_document_picker.html"


@hooks.register("register_content_import_picker")
def register_word_document_picker():
    return WordDocumentPicker()


def import_upload(request, fill):
    """The page made by `fill(document)` from the uploaded Word document; when the
    document or one of its pictures cannot be read, a message and the form again, with
    nothing saved (no picture either)."""
    upload = request.FILES[FILE_FIELD]
    try:
        with transaction.atomic():
            return fill(read_word_document(upload.file))
    except ImportProblem as problem:
        messages.error(request, f"“{upload.name}”: {problem} Nothing was changed.")
        return redirect(request.get_full_path())


@hooks.register("before_create_page")
def create_from_word_document(request, parent_page, page_class):
    if FILE_FIELD in request.FILES and not is_importing(request):
        set_importing(request)
        return import_upload(
            request,
            lambda document: create_page_from_import(request, parent_page, page_class, document),
        )
    return None


@hooks.register("before_edit_page")
def edit_from_word_document(request, page):
    if FILE_FIELD in request.FILES and not is_importing(request):
        set_importing(request)
        return import_upload(
            request, lambda document: update_page_from_import(request, page.specific, document)
        )
    return None
