"""Groups and their meetings: a GroupPage sits under the service it belongs to (Peer-run
groups > Tuesday evening circle) and holds its recurring rules and the changes to single
dates as inline rows; the one MeetingsIndexPage (/meetings/) lists every group's coming
meetings. Both serve iCalendar feeds (calendars.py)."""

import datetime
from urllib.parse import urlencode

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.models import SiteSettings
from base.page_cache import expire_page_in
from base.pages import SitePageMixin
from base.structured_data import as_script_json, breadcrumb_list
from services.models import ServicePage

from . import schedule
from .calendars import calendar_response, group_calendar, meeting_calendar
from .forms import MeetingFilterForm

MAP_SEARCH_URL = "https://www.openstreetmap.org/search?"
# The right-hand side of every calendar UID: the same whatever host serves the feed.
UID_DOMAIN = "groups.newunity.org"


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person and online"


class GroupPageForm(WagtailAdminPageForm):
    """Checks what needs the schedules and the changes together: a change must name a date
    the group usually meets on."""

    def clean(self):
        cleaned_data = super().clean()
        # The inline rows are checked after this form: check them now, to read them.
        if not all(self.formsets[name].is_valid() for name in ("meeting_rules", "meeting_changes")):
            return cleaned_data
        rules = [
            MeetingRule(**{name: form.cleaned_data.get(name) for name in RULE_FIELDS})
            for form in kept_forms(self.formsets["meeting_rules"])
        ]
        if any(rule.weekday is None or rule.start_time is None for rule in rules):
            return cleaned_data  # those rows explain what is missing
        for form in kept_forms(self.formsets["meeting_changes"]):
            day = form.cleaned_data.get("day")
            if day and not any(schedule.rule_dates(rule, day, day) for rule in rules):
                form.add_error(
                    "day",
                    f"The group does not usually meet on {schedule.day_label(day)} {day.year}: "
                    "give the date of one of its usual meetings.",
                )
        return cleaned_data


def kept_forms(formset):
    """The rows of an inline panel that are filled in and not being deleted."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def groups_with_schedules(queryset):
    """Groups of `queryset` with their rules and changes, in three queries whatever
    their number."""
    return queryset.live().public().prefetch_related("meeting_rules", "meeting_changes")


class GroupPage(SitePageMixin, Page):
    summary_field = "summary"

    summary = models.TextField(
        max_length=300, help_text="One or two sentences about the group, for lists and search."
    )
    description = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="What the group does and what a meeting is like.",
    )
    who_it_is_for = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        verbose_name="who it is for",
        help_text="Who is welcome, in plain words.",
    )
    attendance = models.CharField(
        "where it meets",
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.IN_PERSON,
        help_text="Whether people come in person, join online, or either.",
    )
    venue = models.CharField(
        max_length=120,
        blank=True,
        help_text='The name of the place, like "New Unity community room".',
    )
    address = models.TextField(
        blank=True,
        max_length=300,
        help_text="The street address, one line per line of the address. Readers get a map "
        "link made from it.",
    )
    online_link = models.URLField(
        "joining link",
        blank=True,
        help_text="The address readers use to join online, like a Zoom or Meet link.",
    )
    link_on_request = models.BooleanField(
        "give the link on request",
        default=False,
        help_text="Keep the joining link private: readers ask for it through the contact "
        "form instead of seeing it on the site.",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("who_it_is_for"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("who_it_is_for"),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_link"),
                FieldPanel("link_on_request"),
            ],
            heading="Where it meets",
        ),
        InlinePanel(
            "meeting_rules",
            heading="When it meets",
            label="Schedule",
            min_num=0,
            help_text="Add one schedule per pattern, like every Tuesday, or the second "
            "Thursday of the month.",
        ),
        InlinePanel(
            "meeting_changes",
            heading="Cancelled or moved meetings",
            label="Change to one date",
        ),
    ]

    parent_page_types = ["services.ServicePage"]
    subpage_types = []
    base_form_class = GroupPageForm

    class Meta:
        verbose_name = "group"

    @property
    def meets_in_person(self):
        return self.attendance in (Attendance.IN_PERSON, Attendance.BOTH)

    @property
    def meets_online(self):
        return self.attendance in (Attendance.ONLINE, Attendance.BOTH)

    @property
    def map_url(self):
        """A plain link to the address on OpenStreetMap: nothing loads until it is pressed."""
        if not self.address:
            return ""
        return MAP_SEARCH_URL + urlencode({"query": ", ".join(self.address.splitlines())})

    @property
    def public_link(self):
        """The joining link readers may see, or ''."""
        return "" if self.link_on_request else self.online_link

    def clean(self):
        super().clean()
        errors = {}
        if self.meets_in_person and not self.address.strip():
            errors["address"] = "Add the address where the group meets in person."
        if self.meets_online and not self.online_link and not self.link_on_request:
            errors["online_link"] = (
                "Add the joining link, or tick “give the link on request” so readers ask "
                "for it through the contact form."
            )
        if errors:
            raise ValidationError(errors)

    def service(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # Read once for the schedule and the template (a preview keeps its unsaved rows).
            prefetch_related_objects([self], "meeting_rules", "meeting_changes")
        now = timezone.now()
        # The rules expanded once: the next three meetings, then the rest of the year.
        coming = schedule.next_meetings(self, count=None, now=now)
        meetings = coming[:3]
        context.update(
            meetings=meetings,
            later_cancellations=[meeting for meeting in coming[3:] if meeting.cancelled],
            next_meeting=schedule.first_taking_place(coming),
            # Schedules with meetings to come: the page is stored until a meeting ends.
            usual_rules=[
                rule
                for rule in self.meeting_rules.all()
                if any(meeting.rule == rule for meeting in coming)
            ],
            contact_page=SiteSettings.for_request(request).live_contact_page(),
            calendar_webcal_url=webcal_url(self, request),
            service_page=ServicePage.objects.parent_of(self).only("title", "url_path").first(),
            structured_data=[as_script_json(event_data(meeting, request)) for meeting in meetings]
            + [as_script_json(breadcrumb_list(self, request))],
        )
        expire_page_in(request, schedule.seconds_until_change(meetings, now))
        return context

    def calendar(self, request):
        """The group's schedules as an iCalendar feed (calendar.ics beside the page)."""
        groups = groups_with_schedules(GroupPage.objects.filter(pk=self.pk))
        return calendar_response(group_calendar(groups, request, self.title), self.slug)

    def meeting_calendar(self, request, day):
        """One meeting as an iCalendar file (2027-01-05.ics beside the page)."""
        meeting = schedule.meeting_on(self, day)
        if meeting is None or meeting.cancelled:
            raise Http404("The group does not meet on that date")
        return calendar_response(meeting_calendar(meeting, request), f"{self.slug}-{day}")


def webcal_url(page, request):
    """The page's calendar feed at a webcal:// address, which opens the reader's calendar
    app to subscribe (it then fetches the feed over https)."""
    url = page.get_full_url(request) + "calendar.ics"
    return "webcal://" + url.split("://", 1)[1]


def event_data(meeting, request):
    """schema.org Event for one meeting, as JSON-LD."""
    group = meeting.group
    url = group.get_full_url(request)
    locations = []
    if group.meets_in_person:
        locations.append(
            {
                "@type": "Place",
                "name": group.venue or group.title,
                "address": ", ".join(group.address.splitlines()),
            }
        )
    if group.meets_online:
        locations.append({"@type": "VirtualLocation", "url": group.public_link or url})
    mode = {
        Attendance.IN_PERSON: "OfflineEventAttendanceMode",
        Attendance.ONLINE: "OnlineEventAttendanceMode",
        Attendance.BOTH: "MixedEventAttendanceMode",
    }[group.attendance]
    status = "EventScheduled"
    if meeting.cancelled:
        status = "EventCancelled"
    elif meeting.moved:
        status = "EventRescheduled"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": group.title,
        "description": group.summary,
        "url": url,
        "startDate": meeting.start.isoformat(),
        "endDate": meeting.end.isoformat(),
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "eventStatus": f"https://schema.org/{status}",
        "location": locations[0] if len(locations) == 1 else locations,
        "isAccessibleForFree": True,
        "organizer": {
            "@type": "Organization",
            "name": SiteSettings.for_request(request).organisation_name,
        },
    }
    if meeting.moved:
        data["previousStartDate"] = meeting.original_start.isoformat()
    return data


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every other week"
    MONTHLY = "monthly", "Once a month"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


RULE_FIELDS = ("frequency", "weekday", "week_of_month", "start_time", "end_time")
RULE_FIELDS += ("starts_on", "ends_on")


class MeetingRule(Orderable):
    """A pattern the group meets on: every Tuesday, every other Sunday, the second
    Thursday of each month."""

    group = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="meeting_rules")
    frequency = models.CharField(
        "how often", max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(
        "day of the week", choices=Weekday.choices, null=True, blank=True
    )
    week_of_month = models.SmallIntegerField(
        "which week of the month",
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text="Only for monthly meetings: the second Tuesday, the last Friday...",
    )
    start_time = models.TimeField("starts at", help_text="Local time in San José, like 18:00.")
    end_time = models.TimeField("ends at", help_text="Like 19:30.")
    starts_on = models.DateField(
        "first date",
        default=datetime.date.today,
        help_text="The group meets from this date on. For every other week, the first "
        "meeting is on or after this date.",
    )
    ends_on = models.DateField(
        "last date",
        null=True,
        blank=True,
        help_text="Leave empty if the group carries on.",
    )

    panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("weekday")]),
        FieldPanel("week_of_month"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    def clean(self):
        super().clean()
        errors = {}
        if self.weekday is None:
            errors["weekday"] = (
                "Choose the day of the week the group meets on, like Tuesday."
                if self.frequency != Frequency.MONTHLY
                else "A monthly meeting needs a day of the week, like the second Tuesday."
            )
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = (
                "Choose which week of the month, like the second (Tuesday) or the last."
            )
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = (
                "The meeting ends before it starts: choose an end time after the start time."
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The last date is before the first date."
        if errors:
            raise ValidationError(errors)

    def recurrence(self):
        """dateutil's rrule of this rule's meetings, as local (naive) start times."""
        weekday = schedule.WEEKDAYS[self.weekday]
        options = {
            "dtstart": datetime.datetime.combine(self.starts_on, self.start_time),
            "until": (
                datetime.datetime.combine(self.ends_on, datetime.time.max) if self.ends_on else None
            ),
        }
        if self.frequency == Frequency.MONTHLY:
            return rrule.rrule(rrule.MONTHLY, byweekday=weekday(self.week_of_month), **options)
        interval = 2 if self.frequency == Frequency.FORTNIGHTLY else 1
        # Weeks are counted from the first date's weekday, so the first meeting is the
        # first of its weekday on or after that date (not a week later when the weekday
        # falls earlier in a week starting on Monday).
        return rrule.rrule(
            rrule.WEEKLY,
            interval=interval,
            byweekday=weekday,
            wkst=self.starts_on.weekday(),
            **options,
        )

    def ical_uid(self, day=None):
        """Stable identifiers: the rule's own, and one per dated meeting."""
        suffix = f"-{day:%Y%m%d}" if day else ""
        return f"group-{self.group_id}-schedule-{self.pk}{suffix}@{UID_DOMAIN}"

    def describe(self):
        """'Every Tuesday, 6:00–7:30 pm', 'Second Thursday of the month, ...'."""
        day = Weekday(self.weekday).label
        when = {
            Frequency.WEEKLY: f"Every {day}",
            Frequency.FORTNIGHTLY: f"Every other {day}",
            Frequency.MONTHLY: (
                f"{WeekOfMonth(self.week_of_month).label} {day} of the month"
                if self.week_of_month is not None
                else ""
            ),
        }[self.frequency]
        return f"{when}, {schedule.time_range(self.start_time, self.end_time)}"


class ChangeKind(models.TextChoices):
    CANCELLED = "cancelled", "Cancelled"
    MOVED = "moved", "Moved"


class MeetingChange(Orderable):
    """One date off the usual pattern: cancelled, or moved to another day or time."""

    group = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="meeting_changes")
    day = models.DateField(
        "date of the usual meeting", help_text="The date the meeting would normally be on."
    )
    kind = models.CharField(
        "what happens", max_length=20, choices=ChangeKind.choices, default=ChangeKind.CANCELLED
    )
    new_day = models.DateField(
        "new date", null=True, blank=True, help_text="Only if moved to another date."
    )
    new_start_time = models.TimeField(
        "new start time", null=True, blank=True, help_text="Only if the time changes."
    )
    new_end_time = models.TimeField("new end time", null=True, blank=True)
    note = models.CharField(
        "note for readers",
        max_length=200,
        blank=True,
        help_text='Shown beside the date, like "No meeting on 24 December: happy holidays!".',
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("kind")]),
        FieldRowPanel(
            [FieldPanel("new_day"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "change to one date"

    @property
    def is_cancellation(self):
        return self.kind == ChangeKind.CANCELLED

    def clean(self):
        super().clean()
        errors = {}
        moved = self.kind == ChangeKind.MOVED
        if moved and not (self.new_day or self.new_start_time or self.new_end_time):
            errors["new_day"] = "Give the new date or the new times of the moved meeting."
        if (
            moved
            and self.new_start_time
            and self.new_end_time
            and self.new_end_time <= self.new_start_time
        ):
            errors["new_end_time"] = (
                "The meeting ends before it starts: choose an end time after the start time."
            )
        if errors:
            raise ValidationError(errors)


class MeetingsIndexPage(SitePageMixin, Page):
    """/meetings/: every group's meetings in the coming four weeks, by day."""

    summary_field = "intro"
    days_shown = 28

    intro = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two above the list of meetings."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "meetings list"

    def calendar(self, request):
        """Every group's schedules as one iCalendar feed (calendar.ics beside the page)."""
        groups = groups_with_schedules(GroupPage.objects.order_by("path"))
        name = f"{SiteSettings.for_request(request).organisation_name} groups"
        return calendar_response(group_calendar(groups, request, name), "all-groups")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        groups = list(groups_with_schedules(GroupPage.objects.order_by("path")))
        services = list(
            ServicePage.objects.live()
            .public()
            .order_by("path")
            .only("title", "slug", "url_path", "path")
        )
        service_of = {
            group.pk: service
            for group in groups
            for service in services
            if group.path.startswith(service.path)
        }
        for group in groups:
            group.listed_service = service_of.get(group.pk)
        form = MeetingFilterForm(
            request.GET or None,
            groups=groups,
            services=[s for s in services if s in service_of.values()],
        )
        chosen = form.chosen_groups(groups, service_of) if form.is_valid() else groups
        meetings = schedule.coming_meetings(chosen, now=now, days=self.days_shown)
        context.update(
            form=form,
            filtered=form.is_bound and form.is_valid() and chosen != groups,
            days=schedule.by_day(meetings),
            taking_place=sum(not meeting.cancelled for meeting in meetings),
            calendar_webcal_url=webcal_url(self, request),
            structured_data=[as_script_json(breadcrumb_list(self, request))],
        )
        expire_page_in(
            request,
            schedule.seconds_until_change(meetings, now, also=[schedule.next_midnight(now)]),
        )
        return context
