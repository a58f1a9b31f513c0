from django.urls import path

from common.urls import list_urls

from . import calendars, views

app_name = "meetings"

urlpatterns = [
    *list_urls("meetings", views.MeetingListView.as_view(), "meeting"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("calendar/meetings.ics", calendars.MeetingCalendar.as_view(), name="meeting-calendar"),
    # Under the committee's page (standards:committee-detail), which links it.
    path(
        "committees/<int:pk>/calendar.ics",
        calendars.CommitteeCalendar.as_view(),
        name="committee-calendar",
    ),
]
