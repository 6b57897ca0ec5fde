"""When groups meet: their recurring rules expanded into dated meetings, with the
changes staff made to single dates (cancelled, moved).

Every time is wall-clock time in the site's time zone (settings.TIME_ZONE): a group that
meets at 6 pm meets at 6 pm on both sides of the March and November clock changes. Rules
are expanded with dateutil's rrule on local dates, then given the zone."""

import datetime
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.utils import timezone

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def local_moment(day, time):
    return datetime.datetime.combine(day, time, tzinfo=site_zone())


@dataclass(frozen=True)
class Meeting:
    """One meeting of a group: `day` is the date the rule gives it (what a change refers
    to); `start` and `end` are when it takes place, moved or not."""

    group: object
    rule: object
    day: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    moved: bool = False
    note: str = ""

    @property
    def ical_uid(self):
        """The same for this meeting in every feed and download."""
        return self.rule.ical_uid(self.day)

    @property
    def original_start(self):
        return local_moment(self.day, self.rule.start_time)


def rule_dates(rule, since, until):
    """The local dates `rule` gives between the dates `since` and `until` (inclusive)."""
    recurrence = rule.recurrence()
    start = datetime.datetime.combine(since, datetime.time.min)
    end = datetime.datetime.combine(until, datetime.time.max)
    return [moment.date() for moment in recurrence.between(start, end, inc=True)]


def meetings_of(group, since, until):
    """`group`'s meetings whose day or new day falls between the dates `since` and
    `until`, in order, cancelled ones included. Reads `group.meeting_rules.all()` and
    `group.meeting_changes.all()`: prefetch them when listing many groups."""
    changes = {change.day: change for change in group.meeting_changes.all()}
    # A meeting moved into the window from a day outside it is found from its old day.
    moved_in = [c.day for c in changes.values() if c.new_day and since <= c.new_day <= until]
    earliest = min([since, *moved_in])
    latest = max([until, *moved_in])
    found = []
    for rule in group.meeting_rules.all():
        for day in rule_dates(rule, earliest, latest):
            meeting = apply_change(group, rule, day, changes.get(day))
            if since <= meeting.start.date() <= until:
                found.append(meeting)
    return sorted(found, key=lambda meeting: (meeting.start, meeting.group.pk or 0))


def meeting_on(group, day):
    """`group`'s meeting that its rules give on the date `day`, cancelled or moved
    wherever it was moved to, or None if no rule gives that date."""
    change = next((c for c in group.meeting_changes.all() if c.day == day), None)
    for rule in group.meeting_rules.all():
        if rule_dates(rule, day, day):
            return apply_change(group, rule, day, change)
    return None


def apply_change(group, rule, day, change):
    start = local_moment(day, rule.start_time)
    end = local_moment(day, rule.end_time)
    if change is None:
        return Meeting(group, rule, day, start, end)
    if change.is_cancellation:
        return Meeting(group, rule, day, start, end, cancelled=True, note=change.note)
    new_day = change.new_day or day
    return Meeting(
        group,
        rule,
        day,
        local_moment(new_day, change.new_start_time or rule.start_time),
        local_moment(new_day, change.new_end_time or rule.end_time),
        moved=True,
        note=change.note,
    )


def coming_meetings(groups, now=None, days=28):
    """The meetings of `groups` that have not ended yet, up to `days` days ahead,
    in order."""
    now = now or timezone.now()
    today = timezone.localtime(now, site_zone()).date()
    until = today + datetime.timedelta(days=days)
    found = [
        meeting
        for group in groups
        for meeting in meetings_of(group, today, until)
        if meeting.end > now
    ]
    return sorted(found, key=lambda meeting: (meeting.start, meeting.group.pk or 0))


def next_meetings(group, count=3, now=None, days=400):
    """The group's next `count` meetings that have not ended, cancelled ones included
    (readers should know a date is off)."""
    return coming_meetings([group], now=now, days=days)[:count]


def next_meeting(group, now=None):
    """The group's next meeting that takes place, or None."""
    return next((m for m in next_meetings(group, 5, now) if not m.cancelled), None)


def seconds_until_change(meetings, now=None, also=()):
    """How long a page listing `meetings` stays right: until the first of them ends (it
    then leaves the page), or the next moment in `also`; at least a second."""
    now = now or timezone.now()
    moments = [m.end for m in meetings if m.end > now] + [m for m in also if m > now]
    if not moments:
        return None
    return max(1, math.ceil((min(moments) - now).total_seconds()))


def next_midnight(now=None):
    """The start of tomorrow in the site's zone: lists of the coming weeks move on a day."""
    now = timezone.localtime(now or timezone.now(), site_zone())
    tomorrow = now.date() + datetime.timedelta(days=1)
    return local_moment(tomorrow, datetime.time.min)


def by_day(meetings):
    """`meetings` (in order) grouped by the day they take place: [(day, [meetings])]."""
    days = {}
    for meeting in meetings:
        days.setdefault(meeting.start.date(), []).append(meeting)
    return list(days.items())


def day_label(day):
    """'Tuesday 7 January', as readers say it."""
    return f"{day:%A} {day.day} {day:%B}"


def clock(time, with_period=True):
    hour = time.hour % 12 or 12
    text = f"{hour}:{time.minute:02d}"
    return f"{text} {'am' if time.hour < 12 else 'pm'}" if with_period else text


def time_range(start, end):
    """'6:00–7:30 pm', or '11:30 am–12:30 pm' across noon."""
    same_period = (start.hour < 12) == (end.hour < 12)
    return f"{clock(start, with_period=not same_period)}\u2013{clock(end)}"


def meeting_label(meeting):
    """'Tuesday 7 January, 6:00–7:30 pm'."""
    return f"{day_label(meeting.start.date())}, {time_range(meeting.start, meeting.end)}"
