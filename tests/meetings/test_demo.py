from io import StringIO

from django.core.management import call_command

from meetings.models import GroupPage, MeetingChange
from tests.home.helpers import soup


def test_the_demo_has_three_groups_weekly_and_monthly_with_one_cancellation(client, home_page):
    call_command("load_demo_content", stdout=StringIO())
    groups = GroupPage.objects.live().order_by("path")
    assert groups.count() == 3
    frequencies = {rule.frequency for g in groups for rule in g.meeting_rules.all()}
    assert frequencies == {"weekly", "monthly"}
    (cancelled,) = MeetingChange.objects.all()
    assert cancelled.kind == "cancelled"
    assert cancelled.note.startswith("No meeting on ")

    page = soup(client.get("/meetings/"))
    assert {a.get_text() for a in page.select(".meeting__title a")} == {g.title for g in groups}
    assert "Cancelled" in page.select_one("main").get_text()
    assert len(page.select(".meeting-groups li", limit=4)) == 0  # only on home and services
    home = soup(client.get("/"))
    assert len(home.select(".meeting-groups li")) == 3
