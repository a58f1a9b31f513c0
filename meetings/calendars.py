"""The public meetings as iCalendar files that a calendar application can subscribe to: all of
them, and a committee's own with the deadlines of the comment requests it proposed."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.detail import SingleObjectMixin

from common.calendars import CalendarView, all_day_event, describe
from standards.calendars import deadline_events
from standards.models import Committee

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


def meeting_events(meetings, window, request):
    """The events of the public meetings held, at least in part, in the window."""
    meetings = window.filter(meetings.published().select_related("organiser__parent"))
    return [meeting_event(meeting, request) for meeting in meetings]


class MeetingCalendar(CalendarView):
    name = gettext_lazy("会议日历")
    stem = "meetings"

    def events(self, window):
        return meeting_events(Meeting.objects.all(), window, self.request)


class CommitteeCalendar(SingleObjectMixin, CalendarView):
    """The meetings a committee organised and the deadlines of the comment requests it proposed:
    what its members put in their calendars, in one subscription."""

    model = Committee

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_name(self):
        return _("%(committee)s：会议与征求意见截止") % {"committee": self.object.display_name}

    def get_stem(self):
        return f"committee-{self.object.pk}"

    def events(self, window):
        committee = self.object
        return meeting_events(committee.meetings.all(), window, self.request) + deadline_events(
            committee.comment_requests.all(), window, self.request
        )
