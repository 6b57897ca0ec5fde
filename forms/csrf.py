"""The page shown when a post fails Django's CSRF check. On the contact page it is
the form again, holding what the reader typed, with a plain explanation; anywhere
else it is Django's own page."""

from django.views.csrf import csrf_failure as django_csrf_failure
from wagtail.models import Page

from .models import SESSION_CHECK_FAILED, ContactFormPage


def csrf_failure(request, reason=""):
    if request.method == "POST":
        page = Page.find_for_request(request, request.path)
        if (
            page is not None
            and isinstance(page.specific, ContactFormPage)
            and page.live
            and not page.get_view_restrictions().exists()
        ):
            return page.specific.render_refusal(request, SESSION_CHECK_FAILED)
    return django_csrf_failure(request, reason)
