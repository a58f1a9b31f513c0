"""Comment deadlines as an iCalendar file that a calendar application can subscribe to."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.calendars import all_day_event, calendar_response, describe, window_start

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


@require_safe
def comment_deadline_calendar(request):
    comment_requests = (
        CommentRequest.objects.published()
        .filter(end_date__gte=window_start())
        .select_related("standard", "proposer")
    )
    return calendar_response(
        request,
        _("征求意见截止日历"),
        [deadline_event(item, request) for item in comment_requests],
        "comment-deadlines.ics",
    )
