"""Comment deadlines as an iCalendar file that a calendar application can subscribe to."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.calendars import CalendarView, all_day_event, describe

from .models import CommentRequest


def deadline_event(comment_request, request):
    standard = comment_request.standard
    # The deadline is the last day comments are accepted: an all-day event on that day.
    return all_day_event(
        request,
        comment_request,
        comment_request.end_date,
        comment_request.end_date,
        summary=_("征求意见截止：%(title)s") % {"title": standard.title},
        description=describe(
            (_("计划号"), standard.plan_number),
            (_("提出单位"), comment_request.proposer.name),
            (_("意见征求期"), comment_request.period_display),
            (_("意见回复至"), ", ".join(comment_request.reply_to_addresses)),
            (_("征求意见稿"), comment_request.link),
        ),
    )


def deadline_events(comment_requests, window, request):
    """The events of the public comment requests whose deadline falls in the window."""
    comment_requests = window.filter(
        comment_requests.published().select_related("standard", "proposer"),
        first="end_date",
        last="end_date",
    )
    return [deadline_event(item, request) for item in comment_requests]


class CommentDeadlineCalendar(CalendarView):
    name = gettext_lazy("征求意见截止日历")
    stem = "comment-deadlines"

    def events(self, window):
        return deadline_events(CommentRequest.objects.all(), window, self.request)
