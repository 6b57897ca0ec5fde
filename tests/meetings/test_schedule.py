"""The schedule: rules expanded into meetings in San José's time, with the changes staff
make to single dates. Groups are built in memory (their rows are never saved; a page
reads its content type from the database)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from meetings import schedule
from meetings.models import GroupPage, MeetingChange, MeetingRule

PACIFIC = ZoneInfo("America/Los_Angeles")
UTC = datetime.UTC
pytestmark = pytest.mark.django_db
T = datetime.time
D = datetime.date


def group(*rules, changes=()):
    page = GroupPage(title="Circle", slug="circle", summary="A group.")
    page.meeting_rules = [MeetingRule(**rule) for rule in rules]
    page.meeting_changes = [MeetingChange(**change) for change in changes]
    return page


SIX, HALF_PAST_SEVEN, NEW_YEAR = T(18), T(19, 30), D(2027, 1, 1)


def weekly(weekday=1, start=SIX, end=HALF_PAST_SEVEN, starts_on=NEW_YEAR, **fields):
    return dict(weekday=weekday, start_time=start, end_time=end, starts_on=starts_on, **fields)


def days(meetings):
    return [m.start.date() for m in meetings]


def test_weekly_meetings_fall_on_their_weekday_at_local_time():
    meetings = schedule.meetings_of(group(weekly()), D(2027, 1, 1), D(2027, 1, 31))
    assert days(meetings) == [D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)]
    first = meetings[0]
    assert first.start == datetime.datetime(2027, 1, 5, 18, tzinfo=PACIFIC)
    assert first.start.astimezone(UTC) == datetime.datetime(2027, 1, 6, 2, tzinfo=UTC)
    assert first.end.astimezone(UTC) == datetime.datetime(2027, 1, 6, 3, 30, tzinfo=UTC)


def test_every_other_week_counts_from_the_first_date():
    sundays = group(weekly(weekday=6, frequency="fortnightly", starts_on=D(2027, 1, 3)))
    meetings = schedule.meetings_of(sundays, D(2027, 1, 1), D(2027, 2, 28))
    assert days(meetings) == [
        D(2027, 1, 3),
        D(2027, 1, 17),
        D(2027, 1, 31),
        D(2027, 2, 14),
        D(2027, 2, 28),
    ]


def test_every_other_week_starts_on_the_first_of_its_weekday_after_the_first_date():
    """Mondays from Wednesday 6 January: the first is Monday 11 January, not the 18th."""
    mondays = group(weekly(weekday=0, frequency="fortnightly", starts_on=D(2027, 1, 6)))
    meetings = schedule.meetings_of(mondays, D(2027, 1, 1), D(2027, 2, 28))
    assert days(meetings) == [D(2027, 1, 11), D(2027, 1, 25), D(2027, 2, 8), D(2027, 2, 22)]


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        (2, [D(2027, 1, 14), D(2027, 2, 11), D(2027, 3, 11)]),
        (-1, [D(2027, 1, 28), D(2027, 2, 25), D(2027, 3, 25)]),
    ],
)
def test_monthly_on_the_nth_weekday(week, expected):
    thursdays = group(weekly(weekday=3, frequency="monthly", week_of_month=week))
    assert days(schedule.meetings_of(thursdays, D(2027, 1, 1), D(2027, 3, 31))) == expected


def test_a_rule_stops_after_its_last_date_and_starts_on_its_first():
    bounded = group(weekly(starts_on=D(2027, 1, 10), ends_on=D(2027, 1, 26)))
    assert days(schedule.meetings_of(bounded, D(2027, 1, 1), D(2027, 3, 1))) == [
        D(2027, 1, 12),
        D(2027, 1, 19),
        D(2027, 1, 26),
    ]


def test_a_cancelled_meeting_is_listed_as_cancelled_and_is_never_the_next_one():
    note = "No meeting on 12 January: the room is closed."
    circle = group(weekly(), changes=[{"day": D(2027, 1, 12), "kind": "cancelled", "note": note}])
    meetings = schedule.meetings_of(circle, D(2027, 1, 1), D(2027, 1, 20))
    assert [(m.start.date(), m.cancelled, m.note) for m in meetings] == [
        (D(2027, 1, 5), False, ""),
        (D(2027, 1, 12), True, note),
        (D(2027, 1, 19), False, ""),
    ]
    after_the_fifth = datetime.datetime(2027, 1, 6, tzinfo=PACIFIC)
    assert schedule.next_meeting(circle, now=after_the_fifth).start.date() == D(2027, 1, 19)
    assert [m.cancelled for m in schedule.next_meetings(circle, 2, now=after_the_fifth)] == [
        True,
        False,
    ]


def test_a_moved_meeting_takes_place_at_its_new_date_and_time():
    circle = group(
        weekly(),
        changes=[
            {
                "day": D(2027, 1, 19),
                "kind": "moved",
                "new_day": D(2027, 1, 20),
                "new_start_time": T(19),
            },
            {
                "day": D(2027, 2, 2),
                "kind": "moved",
                "new_day": D(2027, 1, 30),
                "note": "Moved earlier",
            },
        ],
    )
    meetings = schedule.meetings_of(circle, D(2027, 1, 15), D(2027, 1, 31))
    assert [(m.start, m.end, m.moved, m.day) for m in meetings] == [
        (
            datetime.datetime(2027, 1, 20, 19, tzinfo=PACIFIC),
            datetime.datetime(2027, 1, 20, 19, 30, tzinfo=PACIFIC),
            True,
            D(2027, 1, 19),
        ),
        (
            datetime.datetime(2027, 1, 26, 18, tzinfo=PACIFIC),
            datetime.datetime(2027, 1, 26, 19, 30, tzinfo=PACIFIC),
            False,
            D(2027, 1, 26),
        ),
        # From a date after the window into it.
        (
            datetime.datetime(2027, 1, 30, 18, tzinfo=PACIFIC),
            datetime.datetime(2027, 1, 30, 19, 30, tzinfo=PACIFIC),
            True,
            D(2027, 2, 2),
        ),
    ]
    # And no longer on the week it left.
    assert D(2027, 2, 2) not in days(schedule.meetings_of(circle, D(2027, 2, 1), D(2027, 2, 8)))


@pytest.mark.parametrize(
    ("before", "after", "utc_before", "utc_after"),
    [
        # Clocks go forward on Sunday 14 March 2027: 6 pm is 02:00 UTC, then 01:00 UTC.
        (D(2027, 3, 9), D(2027, 3, 16), (3, 10, 2), (3, 17, 1)),
        # And back on Sunday 7 November 2027.
        (D(2027, 11, 2), D(2027, 11, 9), (11, 3, 1), (11, 10, 2)),
    ],
)
def test_meetings_keep_their_local_time_across_both_clock_changes(
    before, after, utc_before, utc_after
):
    meetings = schedule.meetings_of(group(weekly()), before, after)
    assert days(meetings) == [before, after]
    assert [(m.start.hour, m.start.minute) for m in meetings] == [(18, 0), (18, 0)]
    assert [m.start.astimezone(UTC) for m in meetings] == [
        datetime.datetime(2027, *utc_before, tzinfo=UTC),
        datetime.datetime(2027, *utc_after, tzinfo=UTC),
    ]
    assert all(m.end - m.start == datetime.timedelta(minutes=90) for m in meetings)


def test_a_meeting_on_the_day_the_clocks_change_lasts_its_real_length():
    sunday = group(weekly(weekday=6, start=T(16), end=T(17)))
    (meeting,) = schedule.meetings_of(sunday, D(2027, 3, 14), D(2027, 3, 14))
    assert meeting.start.astimezone(UTC) == datetime.datetime(2027, 3, 14, 23, tzinfo=UTC)
    assert meeting.end.astimezone(UTC) - meeting.start.astimezone(UTC) == datetime.timedelta(
        hours=1
    )


def test_a_meeting_stays_next_until_it_has_ended():
    circle = group(weekly())
    during = datetime.datetime(2027, 1, 5, 19, 29, tzinfo=PACIFIC)
    ended = datetime.datetime(2027, 1, 5, 19, 30, tzinfo=PACIFIC)
    assert schedule.next_meeting(circle, now=during).start.date() == D(2027, 1, 5)
    assert schedule.next_meeting(circle, now=ended).start.date() == D(2027, 1, 12)
    assert schedule.seconds_until_change(schedule.next_meetings(circle, now=during), during) == 60


def test_times_read_as_people_say_them():
    meeting = schedule.next_meeting(group(weekly()), now=datetime.datetime(2027, 1, 1, tzinfo=UTC))
    assert schedule.meeting_label(meeting) == "Tuesday 5 January, 6:00\u20137:30 pm"
    assert schedule.time_range(T(11, 30), T(12, 30)) == "11:30 am\u201312:30 pm"
    assert schedule.time_range(T(9), T(10, 15)) == "9:00\u201310:15 am"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (weekly(end=T(17)), "end_time", "The meeting ends before it starts"),
        (
            weekly(weekday=None, frequency="monthly", week_of_month=2),
            "weekday",
            "A monthly meeting needs a day of the week",
        ),
        (weekly(frequency="monthly"), "week_of_month", "Choose which week of the month"),
        (weekly(ends_on=D(2026, 12, 1)), "ends_on", "The last date is before the first date"),
    ],
)
def test_a_rule_that_cannot_work_is_explained(fields, field, message):
    with pytest.raises(ValidationError) as error:
        MeetingRule(**fields).clean()
    assert message in error.value.message_dict[field][0]


def test_a_group_online_needs_a_link_or_to_give_it_on_request():
    online = GroupPage(title="Online", summary="s", attendance="online")
    with pytest.raises(ValidationError) as error:
        online.clean()
    assert "Add the joining link" in error.value.message_dict["online_link"][0]
    online.link_on_request = True
    online.clean()
    in_person = GroupPage(title="Here", summary="s", attendance="in_person", address="")
    with pytest.raises(ValidationError) as error:
        in_person.clean()
    assert "Add the address" in error.value.message_dict["address"][0]


def test_a_move_must_say_where_to():
    with pytest.raises(ValidationError) as error:
        MeetingChange(day=D(2027, 1, 5), kind="moved").clean()
    assert "Give the new date" in error.value.message_dict["new_day"][0]
