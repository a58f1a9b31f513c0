"""The statistics page: counts of the public records, drawn as charts on the server.

Each counting function runs one query and returns the rows of one chart: (label, count) pairs
in the order the chart shows them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from meetings.models import Meeting
from standards.models import CommentRequest, Standard

TOP_COMMITTEES = 12
MAX_MONTHS = 36


def standards_by_committee():
    """Public standards per responsible committee, most first.

    Committees beyond the first TOP_COMMITTEES are summed as "其他"; standards without a
    committee come last as "未指定".
    """
    rows = (
        Standard.objects.published()
        .values("committee", "committee__short_name", "committee__name")
        .annotate(count=Count("pk"))
        .order_by()
    )
    unassigned = 0
    committees = []
    for row in rows:
        if row["committee"] is None:
            unassigned = row["count"]
        else:
            label = row["committee__short_name"] or row["committee__name"]
            committees.append((label, row["count"]))
    committees.sort(key=lambda pair: (-pair[1], pair[0]))
    chart = committees[:TOP_COMMITTEES]
    if len(committees) > TOP_COMMITTEES:
        chart.append((gettext("其他"), sum(count for _, count in committees[TOP_COMMITTEES:])))
    if unassigned:
        chart.append((gettext("未指定"), unassigned))
    return chart


def standards_by_stage():
    """Public standards per stage, every stage in the order of the work, empty ones too."""
    counts = dict(
        Standard.objects.published().order_by().values_list("stage").annotate(count=Count("pk"))
    )
    return [(stage.label, counts.get(stage.value, 0)) for stage in Standard.Stage]


def comment_requests_per_month():
    """Public comment requests per month they open in."""
    return _per_month(CommentRequest.objects.published(), "start_date")


def meetings_per_month():
    """Public meetings per month they start in."""
    return _per_month(Meeting.objects.published(), "start_date")


def _per_month(queryset, date_field):
    """Every month from the first to the last with records, at most the last MAX_MONTHS."""
    counts = dict(
        queryset.order_by()
        .annotate(month=TruncMonth(date_field))
        .values_list("month")
        .annotate(count=Count("pk"))
    )
    if not counts:
        return []
    last = max(counts)
    first = max(min(counts), _add_months(last, 1 - MAX_MONTHS))
    months = [first]
    while months[-1] < last:
        months.append(_add_months(months[-1], 1))
    return [(f"{month:%Y-%m}", counts.get(month, 0)) for month in months]


def _add_months(month, months):
    """The first day of the month `months` after (or before) the month of `month`."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Chart:
    """One section of the page: its heading, and the chart's title and column headings."""

    heading_id: str
    chart_id: str
    heading: str
    title: str
    label_heading: str
    value_heading: str
    rows: list


def charts():
    _ = gettext_lazy
    return [
        Chart(
            "by-committee-heading",
            "chart-committee",
            _("各归口委员会的标准"),
            _("各归口委员会的标准数量"),
            _("归口委员会"),
            _("标准数"),
            standards_by_committee(),
        ),
        Chart(
            "by-stage-heading",
            "chart-stage",
            _("各阶段的标准"),
            _("各阶段的标准数量"),
            _("阶段"),
            _("标准数"),
            standards_by_stage(),
        ),
        Chart(
            "comment-requests-heading",
            "chart-comment-requests",
            _("每月征求意见"),
            _("每月开始的征求意见数量"),
            _("月份"),
            _("征求意见数"),
            comment_requests_per_month(),
        ),
        Chart(
            "meetings-heading",
            "chart-meetings",
            _("每月会议"),
            _("每月召开的会议数量"),
            _("月份"),
            _("会议数"),
            meetings_per_month(),
        ),
    ]


@require_safe
def statistics_page(request):
    return render(request, "website/statistics.html", {"charts": charts()})
