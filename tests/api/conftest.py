import datetime

import pytest
from django.core.files.base import ContentFile

from bulletin.models import Issue, IssueRevision
from meetings.models import Meeting
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

# Each kind's public list (its URL name) and its API endpoint (URL name's prefix).
KINDS = {
    "standards": ("standards:standard-list", "api:standard"),
    "comment-requests": ("standards:commentrequest-list", "api:commentrequest"),
    "meetings": ("meetings:meeting-list", "api:meeting"),
    "news": ("bulletin:newsitem-list", "api:newsitem"),
    "issues": ("bulletin:issue-list", "api:issue"),
    "committees": ("standards:committee-list", "api:committee"),
}


def api_key(kind, row):
    """A row's key in the API: the issue's YYYY-MM, every other record's id."""
    return row["key"] if kind == "issues" else row["id"]


def record_key(kind, record):
    return record.slug if kind == "issues" else record.pk


@pytest.fixture
def api_demo(public_demo):
    """The published demo, with what makes orders and pages hard: rows that tie on every
    ordering field but the id, news without a date, meetings without a participant count, and
    internal records of every kind beside them."""
    committee = CommitteeFactory(name="测试分技术委员会甲", code="")
    for _ in range(7):
        StandardFactory(
            plan_number="", title="道路车辆 同名标准", committee=committee, is_public=True
        )
    for day in (None, None, datetime.date(2022, 5, 1)):
        NewsItemFactory(title="无日期资讯", date=day, is_public=True)
    for count in (None, None, 50, 50):
        MeetingFactory(
            title="参会人数测试会议", organiser=committee, participant_count=count, is_public=True
        )
    IssueFactory(year=2022, month=8, number=8, status=Issue.Status.DRAFT)
    for month in (5, 6):
        issue = IssueFactory(year=2022, month=month, number=month, status=Issue.Status.PUBLISHED)
        revision = IssueRevision(issue=issue, number=1, html_sha256="0" * 64, pdf_sha256="1" * 64)
        revision.html.save(f"{month}.html", ContentFile(b"<html></html>"), save=False)
        revision.pdf.save(f"{month}.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
        revision.save()
    return {
        "standard": StandardFactory(title="内部标准", is_public=False),
        "comment_request": CommentRequestFactory(is_public=False),
        "of_internal_standard": CommentRequestFactory(
            is_public=True, standard=StandardFactory(is_public=False)
        ),
        "meeting": MeetingFactory(title="内部会议", is_public=False, mode=Meeting.Mode.ONLINE),
        "news_item": NewsItemFactory(title="内部资讯", is_public=False),
        "issue": Issue.objects.get(year=2022, month=8),
    }
