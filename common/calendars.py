"""iCalendar files that calendar applications subscribe to, shared by the apps' calendars."""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Automotive Standards Bulletin//Public calendars//ZH"

# A calendar holds what ended within the past year and everything still running or to come.
# Subscribers need what is current; a year back keeps the last round of each yearly meeting and
# deadline in view, and the file no longer grows with the archive, whose whole history stays in
# the site's lists and downloads.
LOOK_BACK = timedelta(days=365)


def window_start(today=None):
    """The first day an event may end on and still be in a calendar."""
    return (today or timezone.localdate()) - LOOK_BACK


def calendar_response(request, name, events, filename):
    """An .ics file holding the events, named so that subscribing applications show the name."""
    calendar = Calendar.new(
        name=name,
        prodid=PRODID,
        uid=f"{filename}@{request.get_host()}",
        url=request.build_absolute_uri(),
        subcomponents=events,
    )
    return HttpResponse(
        calendar.to_ical(),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def describe(*facts):
    """The plain-text lines of an event's description, one "label：value" line per given fact."""
    lines = [_("%(label)s：%(value)s") % {"label": k, "value": v} for k, v in facts if v]
    return "\n".join(lines) or None


def all_day_event(request, record, first_day, last_day, **properties):
    """An event over whole days, from first_day to last_day inclusive, linking the record's page.

    Its UID stays the same across downloads, so a subscribed calendar updates the event.
    """
    return Event.new(
        uid=f"{record._meta.model_name}-{record.pk}@{request.get_host()}",
        start=first_day,
        # An all-day DTEND is exclusive.
        end=last_day + timedelta(days=1),
        url=request.build_absolute_uri(record.get_absolute_url()),
        stamp=record.updated_at,
        last_modified=record.updated_at,
        **properties,
    )
