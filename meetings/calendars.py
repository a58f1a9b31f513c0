"""The public meetings as an iCalendar file that a calendar application can subscribe to."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.calendars import all_day_event, calendar_response, describe, window_start

from .models import Meeting


def location(meeting):
    place = " ".join(part for part in (meeting.city, meeting.venue) if part)
    if not place and meeting.mode == Meeting.Mode.ONLINE:
        return str(Meeting.Mode.ONLINE.label)
    return place or None


def meeting_event(meeting, request):
    return all_day_event(
        request,
        meeting,
        meeting.start_date,
        meeting.end_date,
        summary=meeting.title,
        location=location(meeting),
        description=describe(
            (_("组织单位"), meeting.organiser.name),
            (_("形式"), meeting.get_mode_display()),
            (_("会议概况"), meeting.lead),
        ),
    )


@require_safe
def meeting_calendar(request):
    meetings = (
        Meeting.objects.published()
        .filter(end_date__gte=window_start())
        .select_related("organiser__parent")
    )
    events = [meeting_event(meeting, request) for meeting in meetings]
    return calendar_response(request, _("会议日历"), events, "meetings.ics")
