"""The contact inbox in the Wagtail admin: Wagtail's snippet viewset with an
audit-log entry for every look at, export of, change to or deletion of a
submission. Only the Intake group and superusers hold its permissions."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView, SnippetViewSet

from .audit import log_many
from .models import ContactFormPage, ContactSubmission, SubmissionNote

VIEW_PERMISSION = "forms.view_contactsubmission"
CHANGE_PERMISSION = "forms.change_contactsubmission"
DELETE_PERMISSION = "forms.delete_contactsubmission"
EXPORT_PERMISSION = "forms.export_contactsubmission"
SPREADSHEET_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def current_form_fields():
    """(name, label) of the contact page's fields, for columns and the detail view."""
    page = ContactFormPage.objects.order_by("pk").first()
    if page is None:
        return []
    return [(f.clean_name, f.label) for f in page.get_form_fields()]


def staff_who_may_read():
    """Users who may be assigned a submission: those allowed to read them."""
    readers = ModelPermissionPolicy(ContactSubmission).users_with_permission("view")
    return readers.order_by("first_name", "last_name", "username")


def spreadsheet_safe(value):
    """`value` as a spreadsheet cell that cannot run: programs may run a cell starting
    with "=" (or "+", "-", "@", ...) as a formula, and a leading apostrophe keeps what
    was written as plain text."""
    if isinstance(value, str) and value.startswith(SPREADSHEET_PREFIXES):
        return "'" + value
    return value


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=ContactSubmission.Status.choices)
    service = django_filters.AllValuesFilter(empty_label="Any service")
    submit_time = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    email = django_filters.CharFilter(
        lookup_expr="iexact", label="Sender's email", help_text="The exact address."
    )

    class Meta:
        model = ContactSubmission
        fields = ["status", "service", "submit_time", "email"]


class SubmissionIndexView(IndexView):
    erase_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def answer_fields(self):
        return current_form_fields()

    fixed_export_columns = ["pk", "submit_time", "status", "service", "email", "assignee"]

    @cached_property
    def list_export(self):
        answers = [name for name, _label in self.answer_fields]
        return self.fixed_export_columns + [
            name for name in answers if name not in self.fixed_export_columns
        ]

    @property
    def export_headings(self):
        return {"pk": "Submission", "submit_time": "Received", **dict(self.answer_fields)}

    @property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def to_row_dict(self, item):
        row = {
            "pk": item.pk,
            "submit_time": item.submit_time,
            "status": item.get_status_display(),
            "service": item.service,
            "email": item.email,
            "assignee": str(item.assignee or ""),
        }
        for name in self.list_export[len(self.fixed_export_columns) :]:
            row[name] = item.form_data.get(name, "")
        return row

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        # Headings are the form's field labels, which page editors write.
        return spreadsheet_safe(super().get_heading(queryset, field))

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")

    def render_to_response(self, context, **response_kwargs):
        submissions = list(context["object_list"])
        if self.is_export:
            log_many(
                submissions,
                "forms.submission.exported",
                user=self.request.user,
                data={"format": self.request.GET.get("export")},
            )
        else:
            log_many(submissions, "forms.submission.listed", user=self.request.user)
        return super().render_to_response(context, **response_kwargs)

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(DELETE_PERMISSION):
            buttons.append(
                HeaderButton(
                    "Delete by email address",
                    url=reverse(self.erase_url_name),
                    icon_name="bin",
                )
            )
        return buttons


class SubmissionInspectView(InspectView):
    template_name = "forms/admin/submission_inspect.html"

    def get(self, request, *args, **kwargs):
        log(self.object, "forms.submission.viewed", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_fields_context(self):
        return []  # the template lays out the submission itself, from `answers`

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(current_form_fields())
        context["answers"] = [
            (labels.get(name, name.replace("_", " ").capitalize()), value)
            for name, value in self.object.form_data.items()
        ]
        context["notes"] = self.object.notes.select_related("author")
        context["edit_url"] = self.get_edit_url()
        return context


class SubmissionEditForm(WagtailAdminModelForm):
    note = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Add a note",
        help_text="Internal: only people who can read submissions see notes.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_who_may_read()

    class Meta:
        model = ContactSubmission
        fields = ["status", "assignee"]


class SubmissionEditView(EditView):
    def save_instance(self):
        previous_status = self.form.initial.get("status")
        instance = super().save_instance()
        user = self.request.user
        if "status" in self.form.changed_data:
            log(
                instance,
                "forms.submission.status_changed",
                user=user,
                data={"from": previous_status, "to": instance.status},
            )
        if text := self.form.cleaned_data.get("note"):
            SubmissionNote.objects.create(submission=instance, author=user, text=text)
            log(instance, "forms.submission.note_added", user=user)
        return instance

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class EraseByEmailForm(forms.Form):
    email = forms.EmailField(
        label="Sender's email address",
        help_text="Every submission sent from this address will be deleted, with its notes.",
    )
    confirm = forms.BooleanField(
        required=False, label="Yes, delete them all. This cannot be undone."
    )


class EraseByEmailView(WagtailAdminTemplateMixin, FormView):
    """Find and delete everything one person sent, when they ask us to."""

    form_class = EraseByEmailForm
    template_name = "forms/admin/erase_by_email.html"
    page_title = "Delete by email address"
    header_icon = "bin"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DELETE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        matches = ContactSubmission.objects.filter(email__iexact=form.cleaned_data["email"])
        if not form.cleaned_data["confirm"]:
            return self.render_to_response(
                self.get_context_data(form=form, match_count=matches.count())
            )
        with transaction.atomic():
            erased = list(matches.only("pk"))
            log_many(erased, "forms.submission.erased", user=self.request.user)
            matches.delete()
        messages.success(self.request, f"{len(erased)} submission(s) deleted.")
        return redirect(self.index_url_name)


def require_view_permission(view):
    def check_permission(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return check_permission


class SubmissionChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser lists every instance to any admin user: this one
    answers only those allowed to read submissions."""

    def get_urlpatterns(self):
        return [
            URLPattern(p.pattern, require_view_permission(p.callback), p.default_args, p.name)
            for p in super().get_urlpatterns()
        ]


class ContactSubmissionViewSet(SnippetViewSet):
    model = ContactSubmission
    icon = "mail"
    menu_label = "Contact inbox"
    menu_name = "contact_inbox"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "contact-inbox"
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    edit_view_class = SubmissionEditView
    chooser_viewset_class = SubmissionChooserViewSet
    filterset_class = SubmissionFilterSet
    search_fields = ["email", "service", "form_data"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "reference",
            label="Submission",
            accessor=str,
            get_url=ContactSubmission.get_admin_path,
        ),
        Column("sender_name", label="Name"),
        "email",
        "service",
        "status",
        Column("assignee", label="Assigned to"),
        DateColumn("submit_time", label="Received", sort_key="submit_time"),
    ]
    export_filename = "contact-submissions"
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("note")],
        base_form_class=SubmissionEditForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(erase_url_name=self.get_url_name("erase"), **kwargs)

    def get_urlpatterns(self):
        erase_view = EraseByEmailView.as_view(index_url_name=self.get_url_name("list"))
        return super().get_urlpatterns() + [
            path("delete-by-email/", erase_view, name="erase"),
        ]
