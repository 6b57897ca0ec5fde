"""The calendar feeds, read as a calendar app reads them: parsed with `icalendar`, the
recurrence expanded with dateutil, compared with what the site lists."""

import datetime

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from meetings import schedule
from meetings.models import GroupPage, groups_with_schedules
from tests.home.helpers import soup
from tests.meetings.conftest import NOW, PACIFIC

YEAR = datetime.timedelta(days=365)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def expand(calendar, since, until):
    """(title, start, end) of every meeting the calendar holds between two moments."""
    series = {}
    overrides = []
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" in event:
            overrides.append(event)
        else:
            series[str(event["UID"])] = event
    found = {}
    for uid, event in series.items():
        start = event.decoded("DTSTART")
        length = event.decoded("DTEND") - start
        dates = rruleset()
        dates.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
        for exdate in event.exdates:
            dates.exdate(exdate)
        for moment in dates.between(since - YEAR, until + YEAR, inc=True):
            found[(uid, moment)] = (str(event["SUMMARY"]), moment, moment + length)
    for event in overrides:
        key = (str(event["UID"]), event.decoded("RECURRENCE-ID"))
        assert key in found, "a moved meeting replaces one of its series"
        found[key] = (str(event["SUMMARY"]), event.decoded("DTSTART"), event.decoded("DTEND"))
    return sorted(
        (meeting for meeting in found.values() if since < meeting[2] and meeting[1] <= until),
        key=lambda meeting: (meeting[1], meeting[0]),
    )


def listed(groups, since, until):
    """What the site lists (group pages, /meetings/) that takes place, over the same time."""
    meetings = schedule.coming_meetings(groups, now=since, days=(until - since).days)
    return sorted(
        ((m.group.title, m.start, m.end) for m in meetings if not m.cancelled and m.start <= until),
        key=lambda meeting: (meeting[1], meeting[0]),
    )


def test_the_feed_of_all_groups_holds_exactly_the_meetings_the_site_lists(client, groups):
    calendar = parse(client.get("/meetings/calendar.ics"))
    until = NOW + YEAR
    every_group = list(groups_with_schedules(GroupPage.objects.all()))
    expected = listed(every_group, NOW, until)
    assert len(expected) > 52 + 26 + 12 - 5
    assert expand(calendar, NOW, until) == expected


def test_a_feed_is_rules_and_exceptions_not_a_list_of_dates(client, groups):
    calendar = parse(client.get("/meetings/calendar.ics"))
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "America/Los_Angeles"
    events = calendar.walk("VEVENT")
    # Three schedules, and one override for the moved meeting.
    assert len(events) == 4
    assert all("RRULE" in event for event in events if "RECURRENCE-ID" not in event)
    circle = next(e for e in events if str(e["SUMMARY"]) == "Tuesday evening circle")
    assert circle["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert circle.decoded("DTSTART") == datetime.datetime(2026, 9, 1, 18, tzinfo=PACIFIC)
    assert circle.exdates == [datetime.datetime(2027, 1, 12, 18, tzinfo=PACIFIC)]
    assert b"TZID=America/Los_Angeles" in circle.to_ical()
    family = next(e for e in events if str(e["SUMMARY"]) == "Family and friends evening")
    assert family["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=2TH"
    moved = next(e for e in events if "RECURRENCE-ID" in e)
    assert moved.decoded("RECURRENCE-ID") == datetime.datetime(2027, 1, 24, 16, tzinfo=PACIFIC)
    assert moved.decoded("DTSTART") == datetime.datetime(2027, 1, 25, 16, tzinfo=PACIFIC)
    assert "Moved to Monday" in str(moved["DESCRIPTION"])


def test_uids_stay_the_same_from_one_fetch_to_the_next(client, groups, clock):
    first = client.get("/meetings/calendar.ics").content
    clock.shift(datetime.timedelta(days=3))
    second = client.get("/meetings/calendar.ics").content
    assert first == second

    def uids(content):
        return sorted(str(event["UID"]) for event in Calendar.from_ical(content).walk("VEVENT"))

    assert len(set(uids(first))) == 3, "an override shares its series' UID"
    group_feed = client.get(groups["circle"].url + "calendar.ics").content
    assert set(uids(group_feed)) <= set(uids(first))


def test_a_group_feed_ends_with_its_last_date(client, groups):
    circle = groups["circle"]
    rule = circle.meeting_rules.get()
    rule.ends_on = datetime.date(2027, 2, 1)
    rule.save()
    calendar = parse(client.get(circle.url + "calendar.ics"))
    assert calendar.walk("VEVENT")[0]["RRULE"]["UNTIL"] == [
        datetime.datetime(2027, 2, 2, 7, 59, 59, tzinfo=datetime.UTC)
    ]
    assert [m[1].date() for m in expand(calendar, NOW, NOW + YEAR)] == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 1, 26),
    ]


def test_one_meeting_downloads_as_its_own_calendar_entry(client, groups):
    circle = groups["circle"]
    calendar = parse(client.get(circle.url + "2027-01-05.ics"))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.datetime(2027, 1, 5, 18, tzinfo=PACIFIC)
    assert event.decoded("DTEND") == datetime.datetime(2027, 1, 5, 19, 30, tzinfo=PACIFIC)
    assert str(event["LOCATION"]).startswith("New Unity community room, 1 Example Street")
    assert (
        str(event["UID"])
        == client.get(circle.url + "2027-01-05.ics")
        .content.split(b"UID:")[1]
        .split(b"\r\n")[0]
        .decode()
    )
    assert len(calendar.walk("VTIMEZONE")) == 1
    # No entry for a cancelled date, nor for a day the group does not meet.
    assert client.get(circle.url + "2027-01-12.ics").status_code == 404
    assert client.get(circle.url + "2027-01-06.ics").status_code == 404
    assert client.get(circle.url + "2027-02-30.ics").status_code == 404


def test_a_moved_meeting_downloads_at_its_new_date(client, groups):
    """The group page's "Add to my calendar" link of a moved meeting names its usual date
    (24 January); the entry is for the day it moved to."""
    check_in = groups["check_in"]
    page = soup(client.get(check_in.url))
    link = page.select_one("a[href$='2027-01-24.ics']")
    assert link is not None
    (event,) = parse(client.get(link["href"])).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.datetime(2027, 1, 25, 16, tzinfo=PACIFIC)
