"""Response headers that protect readers: the Content-Security-Policy (with the
one relaxation the Wagtail admin needs) and a Permissions-Policy."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PATH_PREFIX = "/admin/"

# Wagtail 7.4's admin does not run under the reader pages' policy: the page
# editor has inline <script> elements (panel and chooser set-up), and its
# bundled jQuery and Draftail insert inline scripts and <style> elements at run
# time (checked in Chromium: tests/browser/test_content_security_policy.py).
# The page editor's preview panel shows the page in a frame of the admin's own
# origin, and its Checks panel reads the page from that frame: the admin may
# frame itself. Only the admin, used by signed-in staff, allows inline scripts
# and styles and same-origin frames; everything else (images, form targets, other
# frames) stays as strict as for readers.
ADMIN_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "frame-src": [SELF],
}

# Browser features no page of this site uses, switched off for the site and for
# anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, applying ADMIN_POLICY_UPDATE under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PATH_PREFIX) and parts.update is None:
            parts.update = ADMIN_POLICY_UPDATE
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
