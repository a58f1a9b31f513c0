"""The public meetings as an iCalendar file that a calendar application can subscribe to."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Event

from common.calendars import calendar_response, describe

from .models import Meeting


def location(meeting):
    place = " ".join(part for part in (meeting.city, meeting.venue) if part)
    if not place and meeting.mode == Meeting.Mode.ONLINE:
        return str(Meeting.Mode.ONLINE.label)
    return place or None


def meeting_event(meeting, request):
    return Event.new(
        uid=f"meeting-{meeting.pk}@{request.get_host()}",
        start=meeting.start_date,
        # end_date is the last day of the meeting; an all-day DTEND is exclusive.
        end=meeting.end_date + timedelta(days=1),
        summary=meeting.title,
        location=location(meeting),
        description=describe(
            (_("组织单位"), meeting.organiser.name),
            (_("形式"), meeting.get_mode_display()),
            (_("会议概况"), meeting.summary),
        ),
        url=request.build_absolute_uri(meeting.get_absolute_url()),
        stamp=meeting.updated_at,
        last_modified=meeting.updated_at,
    )


@require_GET
def meeting_calendar(request):
    meetings = Meeting.objects.published().select_related("organiser")
    events = [meeting_event(meeting, request) for meeting in meetings]
    return calendar_response(request, _("会议日历"), events, "meetings.ics")
