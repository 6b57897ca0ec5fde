from django.urls import re_path

from . import views

urlpatterns = [re_path(views.CALENDAR_FILE, views.calendar_file, name="meetings_calendar")]
