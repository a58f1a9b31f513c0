from django.urls import path, re_path

from . import calendars, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    re_path(
        r"^meetings/export\.(?P<format>csv|xlsx)$",
        views.MeetingListView.as_view(),
        name="meeting-export",
    ),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("calendar/meetings.ics", calendars.meeting_calendar, name="meeting-calendar"),
]
