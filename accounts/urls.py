"""Wagtail's own views at their own addresses, with limits on guessing. Included before
Wagtail's admin and page URLs, so these answer first."""

from django.urls import path, re_path
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from .views import (
    NewDeviceView,
    RenameDeviceView,
    ThrottledPasswordResetView,
    TwoFactorCodeView,
    throttle_wrong_passwords,
)

urlpatterns = [
    path("admin/2fa/auth", TwoFactorCodeView.as_view(), name="wagtail_2fa_auth"),
    path("admin/2fa/devices/new", NewDeviceView.as_view(), name="wagtail_2fa_device_new"),
    re_path(
        r"^admin/2fa/devices/(?P<pk>\d+)/update$",
        RenameDeviceView.as_view(),
        name="wagtail_2fa_device_update",
    ),
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle_wrong_passwords(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle_wrong_passwords(document_views.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
