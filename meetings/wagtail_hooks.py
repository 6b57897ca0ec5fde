from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.ComingMeetingsView.as_view(), name="coming"),
        path(
            "cancel/<int:page_id>/<str:day>/",
            admin_views.CancelMeetingView.as_view(),
            name="cancel",
        ),
    ],
    "meetings_admin",
)


@hooks.register("register_admin_urls")
def register_meetings_urls():
    return [path("meetings/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_meetings_menu_item():
    return MenuItem("Meetings", reverse("meetings_admin:coming"), icon_name="date", order=250)
