"""The blog's snippets in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


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
