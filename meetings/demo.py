"""Demo groups: when and where New Unity's groups meet, with one meeting called off, and
the /meetings/ page that lists them."""

import datetime

from django.utils import timezone

from base.demo import get_or_create_child
from services.models import ServicePage

from . import schedule
from .models import Attendance, Frequency, GroupPage, MeetingChange, MeetingRule, MeetingsIndexPage

VENUE = "New Unity community room"
# The street address is the organisation's to add: the city keeps the map link useful.
ADDRESS = "San José, CA"
T = datetime.time

GROUPS = [
    {
        "service": "peer-run-groups",
        "slug": "evening-recovery-circle",
        "title": "Evening recovery circle",
        "summary": (
            "Our twice-weekly circle for anyone in recovery from mental-health challenges, "
            "addiction or both. Come along, listen, and share if you want to."
        ),
        "description": (
            "<p>Two trained peer facilitators open the circle, we agree a few ground rules, "
            "and people take turns to speak. Tea and coffee are always on.</p>"
        ),
        "who_it_is_for": "<ul><li>Adults at any point in recovery.</li></ul>",
        "attendance": Attendance.IN_PERSON,
        "rules": [
            {"weekday": 1, "start_time": T(18), "end_time": T(19, 30)},
            {"weekday": 3, "start_time": T(18), "end_time": T(19, 30)},
        ],
        "cancel_note": "No meeting on {day}: our facilitators are at a training day.",
    },
    {
        "service": "peer-run-groups",
        "slug": "sunday-online-check-in",
        "title": "Sunday online check-in",
        "summary": (
            "An hour on video on Sunday afternoons, for a calm start to the week, from "
            "wherever you are."
        ),
        "description": (
            "<p>Cameras on or off, as you like. We send the joining link to each person who "
            "asks, so that the group stays private.</p>"
        ),
        "who_it_is_for": (
            "<ul><li>Anyone who cannot come in person, or would rather not.</li></ul>"
        ),
        "attendance": Attendance.ONLINE,
        "link_on_request": True,
        "rules": [{"weekday": 6, "start_time": T(16), "end_time": T(17)}],
    },
    {
        "service": "peer-run-groups",
        "slug": "family-and-friends-evening",
        "title": "Family and friends evening",
        "summary": (
            "Once a month, an open evening for the people who support someone in recovery."
        ),
        "description": (
            "<p>Hear how peer support works, ask your questions, and meet other families. "
            "Join us in the room or online.</p>"
        ),
        "who_it_is_for": "<ul><li>Family members, partners and friends.</li></ul>",
        "attendance": Attendance.BOTH,
        "link_on_request": True,
        "rules": [
            {
                "frequency": Frequency.MONTHLY,
                "weekday": 2,
                "week_of_month": 2,
                "start_time": T(18, 30),
                "end_time": T(20),
            }
        ],
    },
]


def load(home):
    get_or_create_child(
        home,
        MeetingsIndexPage,
        "meetings",
        title="Meetings",
        intro=(
            "When and where our groups meet in the coming weeks. Everyone is welcome: "
            "you do not need to book, and you can come just to listen."
        ),
    )
    starts_on = timezone.localdate() - datetime.timedelta(days=90)
    for fields in GROUPS:
        fields = dict(fields)
        service = ServicePage.objects.filter(slug=fields.pop("service")).first()
        if service is None:
            continue
        cancel_note = fields.pop("cancel_note", None)
        rules = [MeetingRule(starts_on=starts_on, **rule) for rule in fields.pop("rules")]
        in_person = fields["attendance"] != Attendance.ONLINE
        group = get_or_create_child(
            service,
            GroupPage,
            venue=VENUE if in_person else "",
            address=ADDRESS if in_person else "",
            meeting_rules=rules,
            **fields,
        )
        if cancel_note and not group.meeting_changes.exists():
            cancel_second_coming_meeting(group, cancel_note)


def cancel_second_coming_meeting(group, note):
    """One cancellation to show: the group's second coming meeting."""
    coming = schedule.next_meetings(group, count=2)
    if len(coming) < 2:
        return
    day = coming[1].day
    group.meeting_changes = [
        MeetingChange(day=day, kind="cancelled", note=note.format(day=schedule.day_label(day)))
    ]
    group.save_revision().publish()
