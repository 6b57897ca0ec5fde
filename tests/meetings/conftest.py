import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import (
    make_contact_page,
    make_group,
    make_meetings_index,
    make_service,
    make_service_index,
)

T = datetime.time
PACIFIC = ZoneInfo("America/Los_Angeles")
# Monday 4 January 2027, noon in San José.
NOW = datetime.datetime(2027, 1, 4, 12, tzinfo=PACIFIC)


@pytest.fixture
def clock():
    """The clock stopped at NOW; move it with `clock.move_to(...)`."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def groups(home_page, clock):
    """Three groups of the peer-run groups service, as the demo has them: a Tuesday
    circle in person (its 12 January meeting cancelled), a Sunday check-in online every
    other week with its link on request, and a monthly evening in person or online."""
    make_contact_page(home_page)
    index = make_service_index(home_page)
    service = make_service(index, "Peer-run groups")
    other = make_service(index, "Family support")
    meetings = make_meetings_index(home_page)
    start = datetime.date(2026, 9, 1)
    circle = make_group(
        service,
        "Tuesday evening circle",
        rules=[{"weekday": 1, "start_time": T(18, 0), "end_time": T(19, 30), "starts_on": start}],
        changes=[
            {
                "day": datetime.date(2027, 1, 12),
                "kind": "cancelled",
                "note": "No meeting on 12 January.",
            }
        ],
    )
    check_in = make_group(
        service,
        "Sunday online check-in",
        attendance="online",
        link_on_request=True,
        online_link="https://meet.example.org/secret-room",
        address="",
        venue="",
        rules=[
            {
                "frequency": "fortnightly",
                "weekday": 6,
                "start_time": T(16, 0),
                "end_time": T(17, 0),
                "starts_on": datetime.date(2026, 9, 6),
            }
        ],
        changes=[
            {
                "day": datetime.date(2027, 1, 24),
                "kind": "moved",
                "new_day": datetime.date(2027, 1, 25),
                "note": "Moved to Monday for the holiday weekend.",
            }
        ],
    )
    family = make_group(
        other,
        "Family and friends evening",
        attendance="both",
        online_link="https://meet.example.org/family",
        rules=[
            {
                "frequency": "monthly",
                "weekday": 3,
                "week_of_month": 2,
                "start_time": T(18, 30),
                "end_time": T(20, 0),
                "starts_on": start,
            }
        ],
    )
    return {
        "service": service,
        "other": other,
        "meetings": meetings,
        "circle": circle,
        "check_in": check_in,
        "family": family,
    }
