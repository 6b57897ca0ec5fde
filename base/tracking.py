"""The campaign and click identifiers other sites add to links to this one
(`?utm_source=...`, `?fbclid=...`), dropped before anything reads the request.

The site runs no analytics and no page reads them. Left in, every click on a shared link
would be a different address: never served from the page cache, and rendered with the
reader's own click identifier copied into the page's links (pagination keeps the query
string) for the next reader to carry away.
"""

import re

from django.http import QueryDict

TRACKING_PARAMETER = re.compile(
    r"utm_\w+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|yclid|igshid"
    r"|li_fat_id|mc_cid|mc_eid|_ga|_gl|srsltid",
    re.IGNORECASE,
)


def is_tracking(name):
    return TRACKING_PARAMETER.fullmatch(name) is not None


class TrackingParametersMiddleware:
    """Place before the page cache, which keys stored pages on the query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(is_tracking(name) for name in request.GET):
            kept = request.GET.copy()
            for name in [name for name in kept if is_tracking(name)]:
                del kept[name]
            query = kept.urlencode()
            request.GET = QueryDict(query, encoding=request.encoding)  # read-only, as Django's
            request.META["QUERY_STRING"] = query
        return self.get_response(request)
