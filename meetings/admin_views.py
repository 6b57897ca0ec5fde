"""The coming meetings of every group in the admin, and cancelling one date: press
"Cancel…" beside it, then "Yes, cancel this meeting". The cancellation is published as a
new revision of the group's page, so the page's history shows who cancelled what, and
staff's unpublished changes to the group stay as they were."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import schedule
from .models import ChangeKind, GroupPage, MeetingChange, groups_with_schedules

DAYS_SHOWN = 28


class ComingMeetingsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "meetings/admin/coming_meetings.html"
    page_title = "Coming meetings"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = list(
            GroupPage.objects.live()
            .order_by("path")
            .prefetch_related("meeting_rules", "meeting_changes")
        )
        user = self.request.user
        may_publish = {g.pk for g in groups if g.permissions_for_user(user).can_publish()}
        context["days"] = schedule.by_day(schedule.coming_meetings(groups, days=DAYS_SHOWN))
        context["may_publish"] = may_publish
        context["days_shown"] = DAYS_SHOWN
        return context


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Note for readers",
        max_length=200,
        required=False,
        help_text="Shown beside the date on the website and in calendars.",
    )


class CancelMeetingView(WagtailAdminTemplateMixin, FormView):
    template_name = "meetings/admin/cancel_meeting.html"
    page_title = "Cancel a meeting"
    header_icon = "date"
    form_class = CancelForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("meetings_admin:coming"), "label": ComingMeetingsView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, page_id, day):
        self.group = get_object_or_404(GroupPage, pk=page_id)
        if not self.group.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        lock = self.group.get_lock()
        if lock is not None and lock.for_user(request.user):
            # Someone is changing the group, or a version of it is scheduled to go live
            # (which would then drop the cancellation). The lock's message says which.
            messages.error(
                request,
                format_html(
                    "{} The meeting can be cancelled once the page is unlocked.",
                    lock.get_message(request.user),
                ),
            )
            return redirect("meetings_admin:coming")
        try:
            self.day = datetime.date.fromisoformat(day)
        except ValueError:
            self.day = None
        self.meeting = self.find_meeting()
        if self.meeting is None:
            messages.error(
                request,
                "That meeting is no longer on the schedule (it may have ended, been cancelled "
                "or moved already). Here are the coming meetings.",
            )
            return redirect("meetings_admin:coming")
        return super().dispatch(request)

    def find_meeting(self):
        if self.day is None:
            return None
        group = groups_with_schedules(GroupPage.objects.filter(pk=self.group.pk)).first()
        if group is None:
            return None
        meeting = schedule.meeting_on(group, self.day)
        if meeting is None or meeting.cancelled or meeting.end <= timezone.now():
            return None
        return meeting

    def get_initial(self):
        return {"note": f"No meeting on {schedule.day_label(self.day)}."}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(group=self.group, meeting=self.meeting)
        return context

    def form_valid(self, form):
        cancel_meeting(self.group, self.day, form.cleaned_data["note"], self.request.user)
        messages.success(
            self.request,
            f"{self.group.title}: the meeting of {schedule.meeting_label(self.meeting)} is "
            "cancelled. The website and the calendars show it now.",
        )
        return redirect("meetings_admin:coming")


def with_cancellation(group, day, note):
    """`group` (a page object, live or draft) with its meeting on `day` cancelled."""
    changes = [change for change in group.meeting_changes.all() if change.day != day]
    group.meeting_changes = [
        *changes,
        MeetingChange(day=day, kind=ChangeKind.CANCELLED, note=note),
    ]
    return group


def cancel_meeting(group, day, note, user):
    """Publish the cancellation; a draft waiting to be published gets it too, and stays
    the latest revision, unpublished."""
    group = group.specific
    draft = group.get_latest_revision_as_object() if group.has_unpublished_changes else None
    live = GroupPage.objects.get(pk=group.pk)
    with_cancellation(live, day, note).save_revision(user=user, log_action=True).publish(user=user)
    if draft is not None:
        with_cancellation(draft, day, note).save_revision(user=user, log_action=True)
