"""The secretary's dashboard on the admin's index: this month's issue and what awaits it.

Each part is None for a user who may not see it, and costs a fixed number of queries however
many records, issues and jobs there are. It lives here, not in `website`: everything it shows is
the issue's or lies on the floors below (standards, meetings, imports, common).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from common.dates import format_dotted_range
from common.stale_jobs import fail_stale_jobs
from imports.models import ImportJob
from standards.models import CommentRequest

from .models import (
    Issue,
    IssueCommentRequest,
    IssueMeeting,
    IssueNewsItem,
    IssueReview,
    RenderJob,
)
from .services import PUBLISH, TRANSITIONS

CLOSING_WITHIN_DAYS = 7
CLOSING_SHOWN = 10
RECENT_JOBS = 5
# How Issue.candidates() picks each kind: by which date, between which of the issue's dates
# (recent records start where the previous issue's stopped). The changelist links filter by the
# same (a test holds the two together); news without a date are picked by when they were
# entered, and get a link of their own.
WINDOW_FIELDS = {
    IssueReview: ("start_date", "coverage_start", "coverage_end"),
    IssueCommentRequest: ("start_date", "recent_start", "recent_until"),
    IssueMeeting: ("start_date", "coverage_start", "coverage_end"),
    IssueNewsItem: ("date", "recent_start", "recent_until"),
}
# What a reviewer is asked to do with an issue, in the order of the workflow.
REVIEW_STEPS = [TRANSITIONS["approve"], PUBLISH]


@dataclass
class IssuePart:
    issue: Issue  # unsaved when nobody has created it yet
    url: str  # its change page, or the page that adds it ("" if the user may not add)

    @property
    def exists(self):
        return self.issue.pk is not None


@dataclass
class PendingRecords:
    """Records of one kind in the coming window that no issue holds, and their list."""

    label: str
    period: str
    count: int
    url: str
    undated_count: int = 0  # news without a date, picked by when they were entered
    undated_url: str = ""


@dataclass
class ClosingPart:
    comment_requests: list
    count: int
    url: str


@dataclass
class ReviewTask:
    issue: Issue
    action: str
    url: str  # the issue's page
    action_url: str  # the page that asks for the note and does it


@dataclass
class JobsPart:
    jobs: list
    url: str  # the list of all of them, "" when they have none of their own


@dataclass
class Dashboard:
    issue: IssuePart | None
    pending: list | None
    closing: ClosingPart | None
    to_review: list | None
    imports: JobsPart | None
    renders: JobsPart | None


def dashboard(request, today=None):
    today = today or timezone.localdate()
    user = request.user
    issue = issue_in_the_making(today)
    return Dashboard(
        issue=_issue_part(issue, user),
        pending=pending_records(issue, user),
        closing=closing_comment_requests(user, today),
        to_review=issues_to_review(user),
        imports=recent_imports(request),
        renders=recent_renders(user),
    )


def issue_in_the_making(today):
    """This month's issue, or next month's once this month's is published; unsaved if nobody
    created it yet, its window filled as saving it would."""
    this_month = (today.year, today.month)
    next_month = (today.year + today.month // 12, today.month % 12 + 1)
    found = {
        (issue.year, issue.month): issue
        for issue in Issue.objects.filter(
            Q(year=this_month[0], month=this_month[1]) | Q(year=next_month[0], month=next_month[1])
        )
    }
    current = found.get(this_month)
    month = this_month
    if current is not None and current.status == Issue.Status.PUBLISHED:
        month = next_month
    issue = found.get(month) or Issue(year=month[0], month=month[1])
    if issue.pk is None:
        issue.fill_default_window(today=today)
    return issue


def _issue_part(issue, user):
    if not user.has_perm("bulletin.view_issue"):
        return None
    if issue.pk is not None:
        return IssuePart(issue, reverse("admin:bulletin_issue_change", args=[issue.pk]))
    if not user.has_perm("bulletin.add_issue"):
        return IssuePart(issue, "")
    query = urlencode({"year": issue.year, "month": issue.month})
    return IssuePart(issue, f"{reverse('admin:bulletin_issue_add')}?{query}")


def pending_records(issue, user):
    """By kind, the window's records (Issue.candidates()) that no issue holds yet."""
    found = []
    dates = {
        "coverage_start": issue.coverage_start,
        "coverage_end": issue.coverage_end,
        "recent_start": issue.recent_start(),
        "recent_until": issue.recent_until,
    }
    for entry_model, records in issue.candidates().items():
        model = entry_model._meta.get_field(entry_model.record_field).related_model
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        field, start, end = WINDOW_FIELDS[entry_model]
        start, end = dates[start], dates[end]
        waiting = records.filter(issues__isnull=True)
        counts = waiting.aggregate(all=Count("pk"), undated=Count("pk", filter=Q(**{field: None})))
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        dated = {f"{field}__gte": start, f"{field}__lte": end, "issues__isnull": 1}
        pending = PendingRecords(
            label=str(opts.verbose_name_plural),
            period=format_dotted_range(start, end),
            count=counts["all"] - counts["undated"],
            url=f"{changelist}?{urlencode(dated)}",
        )
        if counts["undated"]:
            entered = {
                f"{field}__isnull": 1,
                "created_at__date__gte": start,
                "created_at__date__lte": end,
                "issues__isnull": 1,
            }
            pending.undated_count = counts["undated"]
            pending.undated_url = f"{changelist}?{urlencode(entered)}"
        found.append(pending)
    return found or None


def closing_comment_requests(user, today):
    """Comment requests open today and closing within CLOSING_WITHIN_DAYS, soonest first."""
    if not user.has_perm("standards.view_commentrequest"):
        return None
    closing = CommentRequest.objects.closing_within(CLOSING_WITHIN_DAYS, today)
    shown = list(closing.select_related("standard").order_by("end_date", "pk")[:CLOSING_SHOWN])
    count = len(shown) if len(shown) < CLOSING_SHOWN else closing.count()
    changelist = reverse("admin:standards_commentrequest_changelist")
    # The changelist's own filter of "7 天内截止" (CommentStatusFilter).
    return ClosingPart(shown, count, f"{changelist}?{urlencode({'status': 'closing'})}")


def issues_to_review(user):
    """Issues waiting for this user to approve or publish; four eyes keep out those they
    submitted (bulletin.services.transitions)."""
    if not any(user.has_perm(step.permission) for step in REVIEW_STEPS):
        return None
    sources = {source for step in REVIEW_STEPS for source in step.sources}
    tasks = []
    for issue in Issue.objects.filter(status__in=sources).select_related("submitted_by"):
        for step in REVIEW_STEPS:
            if step.allowed(issue, user):
                url = reverse("admin:bulletin_issue_change", args=[issue.pk])
                action_url = reverse("admin:bulletin_issue_transition", args=[issue.pk, step.name])
                tasks.append(ReviewTask(issue, str(step.label), url, action_url))
    return tasks


def recent_imports(request):
    """The latest import jobs the user may see, as the jobs' own admin shows them to them."""
    jobs_admin = admin.site.get_model_admin(ImportJob)
    if not jobs_admin.has_view_permission(request):
        return None
    fail_stale_jobs(ImportJob.objects.all())  # a job whose worker died would say running
    jobs = jobs_admin.get_queryset(request).select_related("requested_by")[:RECENT_JOBS]
    return JobsPart(list(jobs), reverse("admin:imports_importjob_changelist"))


def recent_renders(user):
    """The latest publishing and preview renders; each is followed on its issue's page."""
    if not user.has_perm("bulletin.view_issue"):
        return None
    fail_stale_jobs(RenderJob.objects.all())
    jobs = RenderJob.objects.select_related("issue", "requested_by").defer("preview_pdf")
    return JobsPart(list(jobs[:RECENT_JOBS]), "")
