from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .page_cache import mark_cacheable
from .views import EditorGuideView


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    mark_cacheable(request, page, getattr(page, "cache_query_parameters", ()))


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("editor-guide/", EditorGuideView.as_view(), name="editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        "How we edit this site",
        reverse("editor_guide"),
        icon_name="doc-full",
        order=1050,
        name="site-editor-guide",
    )
