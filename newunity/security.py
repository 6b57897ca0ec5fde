"""Response headers that protect readers: the Content-Security-Policy (with the
one relaxation the Wagtail admin needs) and a Permissions-Policy."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PATH_PREFIX = "/admin/"

# Wagtail 7.4's admin still sets inline style attributes from its scripts
# (Draftail's toolbar, the page editor's panels, the image focal-point chooser)
# and the admin login page sets `style` on elements. Reader pages keep the
# strict policy; only the admin, used by signed-in staff, allows inline styles.
ADMIN_POLICY_UPDATE = {"style-src": [UNSAFE_INLINE]}

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
