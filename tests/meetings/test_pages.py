"""What readers see of the groups: /meetings/ with its filters, a group's page, its
service's page and the home page, and their structured data and sitemap entries."""

import datetime

from icalendar import Calendar

from meetings.models import MeetingChange, MeetingRule, MeetingsIndexPage
from tests.home.helpers import json_ld, soup


def texts(page, selector):
    return [" ".join(node.get_text(" ", strip=True).split()) for node in page.select(selector)]


def test_the_meetings_page_lists_the_coming_four_weeks_by_day(client, groups):
    page = soup(client.get("/meetings/"))
    assert texts(page, "[role=status]") == ["6 meetings in the next four weeks."]
    assert texts(page, ".meeting-day h3") == [
        "Tuesday 5 January",
        "Sunday 10 January",
        "Tuesday 12 January",
        "Thursday 14 January",
        "Tuesday 19 January",
        "Monday 25 January",
        "Tuesday 26 January",
    ]
    twelfth = page.select_one("#day-2027-01-12").find_parent("section")
    assert "Cancelled" in twelfth.get_text()
    assert "No meeting on 12 January." in twelfth.get_text()
    assert not twelfth.select("a[href$='.ics']"), "no calendar entry for a cancelled date"
    moved = page.select_one("#day-2027-01-25").find_parent("section")
    assert "Moved from Sunday 24 January" in " ".join(moved.get_text(" ").split())
    assert "4:00\u20135:00 pm" in moved.get_text()


def test_the_meetings_page_filters_by_group_service_and_attendance(client, groups):
    def groups_listed(query):
        return set(texts(soup(client.get("/meetings/" + query)), ".meeting__title"))

    assert groups_listed("?attendance=online") == {
        "Sunday online check-in",
        "Family and friends evening",
    }
    assert groups_listed("?attendance=in_person") == {
        "Tuesday evening circle",
        "Family and friends evening",
    }
    assert groups_listed("?service=family-support") == {"Family and friends evening"}
    assert groups_listed("?group=tuesday-evening-circle") == {"Tuesday evening circle"}


def test_the_meetings_page_says_when_nothing_takes_place(client, groups):
    for day in ("2027-01-05", "2027-01-19", "2027-01-26"):
        MeetingChange.objects.create(
            group=groups["circle"], day=datetime.date.fromisoformat(day), kind="cancelled"
        )
    page = soup(client.get("/meetings/?group=tuesday-evening-circle"))
    assert texts(page, "[role=status]") == [
        "No meetings match what you chose in the next four weeks."
    ]
    assert texts(page, ".meeting-day h3")  # the cancelled dates are still listed


def test_an_unknown_filter_is_explained_and_everything_is_shown(client, groups):
    page = soup(client.get("/meetings/?group=gone-away"))
    assert "no longer on the list" in page.select_one(".field-error").get_text()
    assert len(set(texts(page, ".meeting__title"))) == 3


def test_a_group_page_shows_its_next_three_meetings_and_cancellations(client, groups):
    page = soup(client.get(groups["circle"].url))
    assert texts(page, ".facts div")[0] == "Next meeting Tuesday 5 January, 6:00\u20137:30 pm"
    meetings = texts(page, ".meeting__when")
    assert meetings == [
        "Tuesday 5 January, 6:00\u20137:30 pm",
        "Tuesday 12 January, 6:00\u20137:30 pm Cancelled",
        "Tuesday 19 January, 6:00\u20137:30 pm",
    ]
    # A cancellation further ahead is announced too.
    circle = groups["circle"]
    MeetingChange.objects.create(
        group=circle, day=datetime.date(2027, 3, 2), note="Closed for repairs."
    )
    later = soup(client.get(circle.url))
    assert texts(later, ".meeting__when")[3:] == ["Tuesday 2 March, 6:00\u20137:30 pm Cancelled"]
    assert "Closed for repairs." in later.get_text()
    map_link = page.find("a", string="Show on a map (OpenStreetMap)")
    assert map_link["href"].startswith("https://www.openstreetmap.org/search?query=1+Example")
    assert not page.select("iframe"), "no embedded map"
    assert "Every Tuesday, 6:00\u20137:30 pm" in page.get_text()


def test_a_private_joining_link_is_asked_for_never_shown(client, groups):
    response = client.get(groups["check_in"].url)
    assert b"secret-room" not in response.content
    link = soup(response).find("a", string="ask us for the link")
    assert link["href"] == "/contact/?service=peer-run-groups"
    # The service has several groups: the reader is told to name this one.
    assert "ask us for the link, saying it is for the Sunday online check-in." in " ".join(
        link.parent.get_text().split()
    )
    feed = client.get(groups["check_in"].url + "calendar.ics")
    assert b"secret-room" not in feed.content
    # A calendar entry leads to the page where the link is asked for.
    for event in Calendar.from_ical(feed.content).walk("VEVENT"):
        assert str(event["DESCRIPTION"]).endswith(
            "Ask for it from the group's page:\n" + groups["check_in"].full_url
        )
    family = soup(client.get(groups["family"].url))
    assert family.find("a", string="Join the meeting online")["href"] == (
        "https://meet.example.org/family"
    )


def test_service_and_home_pages_name_each_groups_next_meeting(client, groups):
    service = soup(client.get(groups["service"].url))
    assert texts(service, ".meeting-groups li .meeting-next") == [
        "Next meeting: Tuesday 5 January, 6:00\u20137:30 pm",
        "Next meeting: Sunday 10 January, 4:00\u20135:00 pm",
    ]
    home = soup(client.get("/"))
    assert texts(home, ".meeting-groups h3") == [
        "Tuesday evening circle",
        "Sunday online check-in",
        "Family and friends evening",
    ]
    assert home.find("a", string="All meetings in the coming weeks")["href"] == "/meetings/"


def test_each_coming_meeting_is_a_schema_org_event(client, groups):
    events = [d for d in json_ld(client.get(groups["circle"].url)) if d["@type"] == "Event"]
    assert [e["startDate"] for e in events] == [
        "2027-01-05T18:00:00-08:00",
        "2027-01-12T18:00:00-08:00",
        "2027-01-19T18:00:00-08:00",
    ]
    assert [e["eventStatus"].rsplit("/", 1)[1] for e in events] == [
        "EventScheduled",
        "EventCancelled",
        "EventScheduled",
    ]
    assert events[0]["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert events[0]["location"]["@type"] == "Place"
    assert events[0]["location"]["address"] == "1 Example Street, San José, CA 95112"
    online = [d for d in json_ld(client.get(groups["check_in"].url)) if d["@type"] == "Event"]
    assert online[0]["location"] == {
        "@type": "VirtualLocation",
        "url": "http://localhost" + groups["check_in"].url,
    }
    assert online[1]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert online[1]["previousStartDate"] == "2027-01-24T16:00:00-08:00"
    assert online[0]["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_groups_and_the_meetings_page_are_in_the_sitemap(client, groups):
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in ("circle", "check_in", "family", "meetings"):
        assert f"{groups[page].url}</loc>" in sitemap


def test_the_next_meeting_is_found_past_a_run_of_cancelled_dates(client, groups):
    """A group off for the holidays: its next meeting is the one after the break, on its
    page and on its service's page, not "no meetings planned"."""
    circle = groups["circle"]
    for week in range(6):
        MeetingChange.objects.get_or_create(
            group=circle, day=datetime.date(2027, 1, 5) + datetime.timedelta(weeks=week)
        )
    page = soup(client.get(circle.url))
    assert texts(page, ".facts div")[0] == "Next meeting Tuesday 16 February, 6:00\u20137:30 pm"
    assert texts(page, ".meeting__when") == [
        "Tuesday 5 January, 6:00\u20137:30 pm Cancelled",
        "Tuesday 12 January, 6:00\u20137:30 pm Cancelled",
        "Tuesday 19 January, 6:00\u20137:30 pm Cancelled",
        "Tuesday 26 January, 6:00\u20137:30 pm Cancelled",
        "Tuesday 2 February, 6:00\u20137:30 pm Cancelled",
        "Tuesday 9 February, 6:00\u20137:30 pm Cancelled",
    ]
    service = soup(client.get(groups["service"].url))
    assert texts(service, ".meeting-groups li .meeting-next")[0] == (
        "Next meeting: Tuesday 16 February, 6:00\u20137:30 pm"
    )


def test_a_schedule_that_has_ended_is_not_given_as_the_usual_times(client, groups):
    circle = groups["circle"]
    MeetingRule.objects.create(
        group=circle,
        weekday=3,
        start_time=datetime.time(18),
        end_time=datetime.time(19, 30),
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    facts = texts(soup(client.get(circle.url)), ".facts div")
    assert facts[1] == "Usually Every Tuesday, 6:00\u20137:30 pm"
    circle.meeting_rules.filter(weekday=1).update(ends_on=datetime.date(2027, 1, 3))
    facts = texts(soup(client.get(circle.url)), ".facts div")
    assert facts[0] == "Next meeting No meetings planned at the moment"
    assert not [fact for fact in facts if fact.startswith("Usually")]


def test_the_link_to_every_groups_meetings_is_there_only_when_the_page_is(client, groups):
    def link(url):
        return soup(client.get(url)).find("a", string="See every group\u2019s meetings")

    assert link(groups["service"].url)["href"] == "/meetings/"
    groups["meetings"].unpublish()
    assert link(groups["service"].url) is None
    MeetingsIndexPage.objects.all().delete()
    assert link(groups["service"].url) is None
