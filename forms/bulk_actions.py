from django import forms
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import ContactSubmission
from .views import CHANGE_PERMISSION, log_assignment


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ContactSubmission.Status.choices, label="New status")


class SubmissionBulkAction(SnippetBulkAction):
    """An action on several submissions at once, for those who may change them, confirmed
    on one page that lists them (templates/forms/admin/bulk_action.html)."""

    template_name = "forms/admin/bulk_action.html"
    form_template_name = "wagtailadmin/bulk_actions/confirmation/form.html"
    models = [ContactSubmission]

    def check_perm(self, obj):
        return self.request.user.has_perm(CHANGE_PERMISSION)


class ChangeStatusBulkAction(SubmissionBulkAction):
    """Set the status of several submissions at once."""

    display_name = "Change status"
    action_type = "change_status"
    aria_label = "Change the status of the selected submissions"
    confirmation_text = "Set a new status on these submissions:"
    form_template_name = "forms/admin/bulk_change_status_form.html"
    action_priority = 20
    form_class = StatusForm

    def get_execution_context(self):
        return {"status": self.cleaned_form.cleaned_data["status"], "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, status=None, user=None, **kwargs):
        changed = [s for s in objects if s.status != status]
        for submission in changed:
            previous, submission.status = submission.status, status
            submission.save(update_fields=["status"])
            log(
                submission,
                "forms.submission.status_changed",
                user=user,
                data={"from": previous, "to": status},
            )
        return len(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Status changed on {num_parent_objects} submission(s)."


class AssignToMeBulkAction(SubmissionBulkAction):
    """Take several submissions on at once."""

    display_name = "Assign to me"
    action_type = "assign_to_me"
    aria_label = "Assign the selected submissions to me"
    confirmation_text = "Assign these submissions to you:"
    action_priority = 10

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = [s for s in objects if s.assignee_id != user.pk]
        for submission in changed:
            submission.assignee = user
            submission.save(update_fields=["assignee"])
            log_assignment(submission, user)
        return len(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} submission(s) assigned to you."
