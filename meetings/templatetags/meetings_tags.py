"""Meetings on pages of other apps: a service's groups with their next meeting, and what
is coming up on the home page. Each tag tells the page cache how long the page stays
right (base.page_cache.expire_page_in)."""

from django import template
from django.utils import timezone

from base.page_cache import expire_page_in

from .. import schedule
from ..models import GroupPage, MeetingsIndexPage, groups_with_schedules

register = template.Library()

register.filter("day_label", schedule.day_label)
register.filter("meeting_label", schedule.meeting_label)


@register.filter
def time_range(meeting):
    return schedule.time_range(meeting.start, meeting.end)


def with_next_meeting(groups, request):
    """(group, its next meeting or None) for each group; the page expires when the
    first of those meetings ends."""
    now = timezone.now()
    found = [(group, schedule.next_meeting(group, now)) for group in groups]
    expire_page_in(
        request, schedule.seconds_until_change([m for _, m in found if m is not None], now)
    )
    return found


def meetings_page():
    """/meetings/, if readers can open it."""
    return MeetingsIndexPage.objects.live().public().only("url_path").first()


@register.inclusion_tag("meetings/includes/service_groups.html", takes_context=True)
def service_groups(context, service):
    """The groups of `service`, each with its next meeting."""
    request = context["request"]
    groups = groups_with_schedules(GroupPage.objects.child_of(service).order_by("path"))
    found = with_next_meeting(groups, request)
    return {
        "groups": found,
        "meetings_page": meetings_page() if found else None,
        "request": request,
    }


@register.inclusion_tag("meetings/includes/coming_up.html", takes_context=True)
def coming_up(context, count=3):
    """The next meeting of each group, soonest first, `count` of them at most."""
    request = context["request"]
    groups = groups_with_schedules(GroupPage.objects.order_by("path"))
    found = [(g, m) for g, m in with_next_meeting(groups, request) if m is not None]
    found.sort(key=lambda pair: pair[1].start)
    return {
        "groups": found[:count],
        "meetings_page": meetings_page() if found else None,
        "request": request,
    }
