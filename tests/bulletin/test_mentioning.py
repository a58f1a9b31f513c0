"""Which issues mention a standard: by a review, a comment request or a meeting, each once."""

import pytest

from bulletin.models import Issue, IssueCommentRequest, IssueMeeting, IssueReview
from tests.bulletin.factories import IssueFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, ReviewFactory, StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return StandardFactory(title="纯电动乘用车 技术条件")


def issue(month):
    return IssueFactory(year=2022, month=month, number=month)


def test_each_way_an_issue_reports_a_standard_counts_once(standard):
    by_review, by_comments, discussed, reviewed, unrelated = (issue(m) for m in (3, 4, 5, 6, 7))
    review = ReviewFactory(standard=standard)
    IssueReview.objects.create(issue=by_review, review=review, order=1)
    IssueCommentRequest.objects.create(
        issue=by_comments, comment_request=CommentRequestFactory(standard=standard), order=1
    )
    talk = MeetingFactory()
    talk.related_standards.add(standard)
    IssueMeeting.objects.create(issue=discussed, meeting=talk, order=1)
    review_meeting = MeetingFactory()
    review_meeting.reviews.add(review)
    review_meeting.related_standards.add(standard)  # named both ways: still one issue
    IssueMeeting.objects.create(issue=reviewed, meeting=review_meeting, order=1)
    IssueReview.objects.create(issue=reviewed, review=review, order=2)
    IssueMeeting.objects.create(issue=unrelated, meeting=MeetingFactory(), order=1)

    mentioning = list(Issue.objects.mentioning(standard).order_by("month"))

    assert mentioning == [by_review, by_comments, discussed, reviewed]


def test_another_standards_records_do_not_count(standard):
    other = StandardFactory(title="电动汽车 安全要求")
    IssueReview.objects.create(issue=issue(5), review=ReviewFactory(standard=other), order=1)

    assert not Issue.objects.mentioning(standard).exists()
