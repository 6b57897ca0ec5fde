"""The calendar files beside group pages and /meetings/: `calendar.ics` (the feed) and
`2027-01-05.ics` (one meeting). Wagtail's page addresses end in a slash, so these are
plain Django views that find the page by its address and let it answer."""

import datetime

from django.http import Http404
from wagtail.models import Page, Site

from base.page_cache import mark_cacheable

from .models import GroupPage, MeetingsIndexPage

CALENDAR_FILE = r"^(?P<page_path>(?:[\w\-]+/)+)(?P<name>calendar|\d{4}-\d{2}-\d{2})\.ics$"


def calendar_file(request, page_path, name):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here")
    page = (
        Page.objects.live()
        .public()
        .type(GroupPage, MeetingsIndexPage)
        .filter(url_path=site.root_page.url_path + page_path)
        .specific()
        .first()
    )
    if page is None:
        raise Http404("No calendar here")
    mark_cacheable(request, page)
    if name == "calendar":
        return page.calendar(request)
    if not isinstance(page, GroupPage):
        raise Http404("Meetings have their calendar files beside their group's page")
    try:
        day = datetime.date.fromisoformat(name)
    except ValueError as error:
        raise Http404("No such date") from error
    return page.meeting_calendar(request, day)
