"""Wagtail's own views at their own addresses, with limits on guessing. Included before
Wagtail's admin and page URLs, so these answer first."""

from django.urls import path
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from .views import ThrottledPasswordResetView, TwoFactorCodeView, throttle_wrong_passwords

urlpatterns = [
    path("admin/2fa/auth", TwoFactorCodeView.as_view(), name="wagtail_2fa_auth"),
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
