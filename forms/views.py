"""The contact inbox in the Wagtail admin: Wagtail's snippet viewset with an
audit-log entry for every look at, export of, change to or deletion of a
submission. Only the Intake group and superusers hold its permissions.

Suspected spam stays out of the listing unless asked for; messages nobody has opened
yet stand out; staff appear by their names; exports give times in the site's zone."""

import re

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView, SnippetViewSet

from .audit import log_listing, log_many
from .models import ContactFormPage, ContactSubmission, SubmissionNote

VIEW_PERMISSION = "forms.view_contactsubmission"
CHANGE_PERMISSION = "forms.change_contactsubmission"
DELETE_PERMISSION = "forms.delete_contactsubmission"
EXPORT_PERMISSION = "forms.export_contactsubmission"
SPREADSHEET_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SPAM = ContactSubmission.Status.SPAM


def current_form_fields():
    """(name, label) of the contact page's fields, for columns and the detail view."""
    return [(name, label) for name, label, _type in current_form_field_types()]


def current_form_field_types():
    """(name, label, field type) of the contact page's fields."""
    page = ContactFormPage.objects.order_by("pk").first()
    if page is None:
        return []
    return [(f.clean_name, f.label, f.field_type) for f in page.get_form_fields()]


def staff_who_may_read():
    """Users who may be assigned a submission: those allowed to read them."""
    readers = ModelPermissionPolicy(ContactSubmission).users_with_permission("view")
    return readers.order_by("first_name", "last_name", "username")


def person(user):
    """How staff are shown to each other: by name, or their username while they have none."""
    return get_user_display_name(user) if user else ""


def tel_href(phone):
    """A `tel:` address for a phone number as people write it: its digits (and a leading
    plus), without the brackets, spaces and dashes; empty when it has no digit."""
    digits = re.sub(r"[^\d+]", "", str(phone or ""))
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if re.search(r"\d", digits) else ""


def mailto_href(email):
    return f"mailto:{email}" if email else ""


def phone_field_names():
    return [name for name, _label, kind in current_form_field_types() if kind == "phone"]


def spreadsheet_safe(value):
    """`value` as a spreadsheet cell that cannot run: programs may run a cell starting
    with "=" (or "+", "-", "@", ...) as a formula, and a leading apostrophe keeps what
    was written as plain text."""
    if isinstance(value, str) and value.startswith(SPREADSHEET_PREFIXES):
        return "'" + value
    return value


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=ContactSubmission.Status.choices)
    show_spam = django_filters.ChoiceFilter(
        label="Spam",
        empty_label="Hidden",
        choices=[("on", "Shown with the rest")],
        help_text="Messages flagged as spam are hidden unless you choose to see them.",
        method="filter_nothing",
    )
    assigned = django_filters.ChoiceFilter(
        label="Assigned to",
        empty_label="Anyone or nobody",
        choices=[("me", "Me"), ("nobody", "Nobody yet")],
        method="filter_assigned",
    )
    service = django_filters.AllValuesFilter(empty_label="Any service")
    submit_time = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    email = django_filters.CharFilter(
        lookup_expr="iexact", label="Sender's email", help_text="The exact address."
    )

    class Meta:
        model = ContactSubmission
        fields = ["status", "show_spam", "assigned", "service", "submit_time", "email"]

    def filter_nothing(self, queryset, name, value):
        return queryset  # see `spam_hidden`

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        return queryset.filter(assignee__isnull=True)

    @property
    def spam_hidden(self):
        """Spam is left out unless "Show spam" is ticked or spam is asked for by status."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return not data.get("show_spam") and data.get("status") != SPAM

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.exclude(status=SPAM) if self.spam_hidden else queryset


class SubmissionTitleColumn(TitleColumn):
    """The submission's reference, in bold with an "Unread" tag until someone opens it."""

    cell_template_name = "forms/admin/submission_title_cell.html"


class LinkColumn(Column):
    """A value as a link (`href(value)`), so that staff reply or call in one click."""

    cell_template_name = "forms/admin/link_cell.html"

    def __init__(self, name, href, **kwargs):
        super().__init__(name, **kwargs)
        self.href = href

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["href"] = self.href(context["value"])
        return context


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
        zone = timezone.get_current_timezone_name()
        return {
            "pk": "Submission",
            "submit_time": f"Received ({zone} time)",
            "assignee": "Assigned to",
            **dict(self.answer_fields),
        }

    @property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def to_row_dict(self, item):
        row = {
            "pk": item.pk,
            # In the site's zone, as the heading says; to the second, without the offset
            # (which spreadsheets cannot read).
            "submit_time": timezone.localtime(item.submit_time).replace(tzinfo=None, microsecond=0),
            "status": item.get_status_display(),
            "service": item.service,
            "email": item.email,
            "assignee": person(item.assignee),
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

    def get_table(self, object_list):
        phone_fields = phone_field_names()
        for item in object_list:
            item.sender_phone = next(
                (item.answer(name) for name in phone_fields if item.answer(name)), ""
            )
        return super().get_table(object_list)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters
        if (
            not self.is_export
            and filters.spam_hidden
            and not filters.form.cleaned_data.get("status")
        ):
            context["hidden_spam_count"] = self.hidden_spam().count()
            query = self.request.GET.copy()
            query.pop("p", None)
            query["show_spam"] = "on"
            context["show_spam_url"] = f"{self.index_url}?{query.urlencode()}"
        return context

    def hidden_spam(self):
        """The spam this listing leaves out: what its search and other filters find of it."""
        data = self.request.GET.copy()
        data["status"] = SPAM
        spam_filters = self.filterset_class(data=data, request=self.request)
        if not spam_filters.is_valid():
            return ContactSubmission.objects.none()
        return self.search_queryset(spam_filters.filter_queryset(self.get_base_queryset()))

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
            query = {key: value for key, value in self.request.GET.items() if key != "p"}
            log_listing(submissions, self.request.user, data={"query": query})
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
    assign_url_name = None

    def get(self, request, *args, **kwargs):
        log(self.object, "forms.submission.viewed", user=request.user)
        if self.object.is_unread:
            # Only the first opening counts, whoever's request comes first.
            ContactSubmission.objects.filter(pk=self.object.pk, opened_at__isnull=True).update(
                opened_at=timezone.now()
            )
        return super().get(request, *args, **kwargs)

    def get_fields_context(self):
        return []  # the template lays out the submission itself, from `answers`

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = {name: (label, kind) for name, label, kind in current_form_field_types()}
        links = {"email": mailto_href, "phone": tel_href}
        context["answers"] = []
        for name, value in self.object.form_data.items():
            label, kind = fields.get(name, (name.replace("_", " ").capitalize(), ""))
            href = links[kind](value) if kind in links else ""
            context["answers"].append((label, value, href))
        context["notes"] = [
            (person(note.author) or "Former staff member", note)
            for note in self.object.notes.select_related("author")
        ]
        context["assignee_name"] = person(self.object.assignee)
        user = self.request.user
        if user.has_perm(CHANGE_PERMISSION):
            context["edit_url"] = self.get_edit_url()
            if self.object.assignee_id != user.pk:
                context["assign_url"] = reverse(self.assign_url_name, args=[self.object.pk])
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
        self.fields["assignee"].label_from_instance = person
        self.fields["assignee"].empty_label = "Nobody yet"

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
        if "assignee" in self.form.changed_data:
            log_assignment(instance, user)
        if text := self.form.cleaned_data.get("note"):
            SubmissionNote.objects.create(submission=instance, author=user, text=text)
            log(instance, "forms.submission.note_added", user=user)
        return instance

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


def log_assignment(submission, user):
    log(
        submission,
        "forms.submission.assigned",
        user=user,
        data={"to": person(submission.assignee) or "nobody"},
    )


def assign_to_me(request, pk, inspect_url_name):
    """Take a message on: the one who asks becomes its assignee."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    submission = get_object_or_404(ContactSubmission, pk=pk)
    if submission.assignee_id != request.user.pk:
        submission.assignee = request.user
        submission.save(update_fields=["assignee"])
        log_assignment(submission, request.user)
    messages.success(request, f"{submission} is assigned to you.")
    return redirect(inspect_url_name, pk)


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
    page_subtitle = "Contact inbox"
    header_icon = "bin"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Contact inbox"},
            {"url": "", "label": self.page_title},
        ]

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
        SubmissionTitleColumn(
            "reference",
            label="Submission",
            accessor=str,
            get_url=ContactSubmission.get_admin_path,
        ),
        Column("sender_name", label="Name"),
        LinkColumn("email", href=mailto_href, label="Email"),
        LinkColumn(
            "phone",
            href=tel_href,
            label="Phone",
            accessor="sender_phone",
        ),
        "service",
        "status",
        Column("assignee", label="Assigned to", accessor=lambda item: person(item.assignee)),
        DateColumn("submit_time", label="Received", sort_key="submit_time"),
    ]
    export_filename = "contact-submissions"
    index_results_template_name = "forms/admin/submission_index_results.html"
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("note")],
        base_form_class=SubmissionEditForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(erase_url_name=self.get_url_name("erase"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            assign_url_name=self.get_url_name("assign_to_me"), **kwargs
        )

    def get_urlpatterns(self):
        erase_view = EraseByEmailView.as_view(index_url_name=self.get_url_name("list"))
        assign_view = require_POST(assign_to_me)
        return super().get_urlpatterns() + [
            path("delete-by-email/", erase_view, name="erase"),
            path(
                "assign-to-me/<int:pk>/",
                assign_view,
                {"inspect_url_name": self.get_url_name("inspect")},
                name="assign_to_me",
            ),
        ]
