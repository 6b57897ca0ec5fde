"""iCalendar (RFC 5545) for groups, written with the `icalendar` library.

Each schedule of a group is one VEVENT with an RRULE, in the site's time zone (one VTIMEZONE
in the file): calendar apps repeat it themselves, so a feed stays small however long a group
runs. A cancelled date is an EXDATE of its schedule; a moved one, a VEVENT with the same UID
and a RECURRENCE-ID naming the date it replaces. UIDs come from the database ids of the
group and its schedule, so they stay the same from one fetch to the next."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from . import schedule

PRODID = "-//New Unity Inc.//Groups//EN"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", schedule.site_zone().key)
    return calendar


def finish(calendar):
    """Add the VTIMEZONE its times refer to, with the clock changes from its first
    meeting on (the library's default, 1970 to 2038, would triple the file's size)."""
    starts = [event.decoded("dtstart").date() for event in calendar.walk("VEVENT")]
    calendar.add_missing_timezones(first_date=min(starts, default=timezone.localdate()))
    return calendar


def describe(group, request):
    """What a calendar entry says about the group: its summary, where, and the page (last,
    where a link given on request is asked for)."""
    lines = [group.summary]
    if place := venue_and_address(group):
        lines.append("Where: " + place)
    if group.meets_online:
        lines.append(
            "Join online: " + group.public_link
            if group.public_link
            else "Join online: we send the link on request. Ask for it from the group's page:"
        )
    lines.append(group.get_full_url(request))
    return "\n".join(lines)


def venue_and_address(group):
    """Where the group meets in person, on one line, or "" when it does not."""
    if group.meets_in_person and group.address:
        return ", ".join(filter(None, [group.venue, *group.address.splitlines()]))
    return ""


def location(group):
    return venue_and_address(group) or group.public_link or "Online"


def base_event(group, request, uid, start, end):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp(group))
    event.add("summary", group.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("description", describe(group, request))
    event.add("location", location(group))
    event.add("url", group.get_full_url(request))
    return event


def stamp(group):
    """When the group's page was last published: a DTSTAMP that only changes when the
    content does, so a feed fetched twice is the same file."""
    return group.last_published_at or timezone.now()


def recurrence_rule(rule):
    """The rule as an RRULE, its end in UTC as RFC 5545 asks when DTSTART has a zone."""
    rrule = {"freq": "WEEKLY", "byday": WEEKDAY_CODES[rule.weekday]}
    if rule.frequency == "fortnightly":
        rrule["interval"] = 2
    elif rule.frequency == "monthly":
        rrule = {"freq": "MONTHLY", "byday": f"{rule.week_of_month}{WEEKDAY_CODES[rule.weekday]}"}
    if rule.ends_on:
        last_moment = schedule.local_moment(rule.ends_on, datetime.time(23, 59, 59))
        rrule["until"] = last_moment.astimezone(datetime.UTC)
    return vRecur(rrule)


def schedule_events(group, rule, request):
    """The VEVENTs of one schedule: the series, then one per moved date."""
    first = first_day(rule)
    if first is None:
        return []
    series = base_event(
        group,
        request,
        rule.ical_uid(),
        schedule.local_moment(first, rule.start_time),
        schedule.local_moment(first, rule.end_time),
    )
    series.add("rrule", recurrence_rule(rule))
    changes = list(group.meeting_changes.all())
    dates = set(rule_days(rule, changes))
    cancelled = sorted(c.day for c in changes if c.is_cancellation and c.day in dates)
    if cancelled:
        series.add("exdate", [schedule.local_moment(day, rule.start_time) for day in cancelled])
    events = [series]
    for change in changes:
        if change.is_cancellation or change.day not in dates:
            continue
        moved = schedule.apply_change(group, rule, change.day, change)
        event = base_event(group, request, rule.ical_uid(), moved.start, moved.end)
        event.add("recurrence-id", moved.original_start)
        if change.note:
            event["description"] = f"{change.note}\n{event['description']}"
        events.append(event)
    return events


def first_day(rule):
    """The first date of the rule: RFC 5545 counts DTSTART as a meeting, so it must be one."""
    moment = rule.recurrence().after(
        datetime.datetime.combine(rule.starts_on, datetime.time.min), inc=True
    )
    return moment.date() if moment else None


def rule_days(rule, changes):
    """The dates among the changes' that this rule gives (a change to another date
    belongs to another schedule of the group)."""
    return [day for day in {c.day for c in changes} if schedule.rule_dates(rule, day, day) == [day]]


def group_calendar(groups, request, name):
    """Every schedule of `groups` (with rules and changes prefetched) as one calendar."""
    calendar = new_calendar(name)
    for group in groups:
        for rule in group.meeting_rules.all():
            for event in schedule_events(group, rule, request):
                calendar.add_component(event)
    return finish(calendar)


def meeting_calendar(meeting, request):
    """One meeting on its own, for the "add to my calendar" download."""
    group = meeting.group
    calendar = new_calendar(f"{group.title}, {schedule.day_label(meeting.start.date())}")
    event = base_event(group, request, meeting.ical_uid, meeting.start, meeting.end)
    if meeting.note:
        event["description"] = f"{meeting.note}\n{event['description']}"
    calendar.add_component(event)
    return finish(calendar)


def calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
