from django.urls import reverse
from wagtail import hooks
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from .audit import ACTIONS, log_many
from .bulk_actions import AssignToMeBulkAction, ChangeStatusBulkAction
from .models import ContactFormPage, ContactSubmission
from .views import VIEW_PERMISSION, ContactSubmissionViewSet

register_snippet(ContactSubmissionViewSet)
hooks.register("register_bulk_action", ChangeStatusBulkAction)
hooks.register("register_bulk_action", AssignToMeBulkAction)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("filter_form_submissions_for_user")
def hide_contact_pages_from_form_listing(user, editable_forms):
    """Wagtail's own submission listing is open to anyone who can edit a form page
    and records no audit trail: contact submissions are read in the inbox only."""
    return editable_forms.exclude(content_type__model=ContactFormPage._meta.model_name)


@hooks.register("before_bulk_action")
def log_bulk_deletion(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], ContactSubmission):
        log_many(objects, "wagtail.delete", user=request.user)


class NewSubmissionsPanel(Component):
    name = "new_contact_submissions"
    template_name = "forms/admin/new_submissions_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "new_count": ContactSubmission.objects.filter(
                status=ContactSubmission.Status.NEW
            ).count(),
            "inbox_url": reverse("wagtailsnippets_forms_contactsubmission:list")
            + f"?status={ContactSubmission.Status.NEW}",
        }


@hooks.register("construct_homepage_panels")
def add_new_submissions_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(NewSubmissionsPanel())


class InboxSearchArea(SearchArea):
    """The admin's search leads staff who read submissions to the inbox when they may not
    search pages (Wagtail offers the first search area each user may see)."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_search_area")
def register_inbox_search_area():
    return InboxSearchArea(
        "Contact inbox",
        reverse("wagtailsnippets_forms_contactsubmission:list"),
        name="contact_inbox",
        icon_name="mail",
        order=150,  # after pages (100): page search stays first for those who may use it
    )
