"""One issue continues where the previous one stopped: draft from records offers nothing
another issue carries, and recent records start after the previous issue's last day."""

import datetime

import pytest

from bulletin import services
from bulletin.models import Issue, IssueCommentRequest, IssueMeeting, IssueNewsItem
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory

pytestmark = pytest.mark.django_db

day = datetime.date


def august():
    return Issue.objects.create(year=2022, month=8, number=8)


def carried(issue):
    return {
        (entry_model, getattr(entry, f"{entry_model.record_field}_id"))
        for entry_model in (IssueCommentRequest, IssueMeeting, IssueNewsItem)
        for entry in entry_model.objects.filter(issue=issue)
    }


def test_recent_records_start_the_day_after_the_previous_issues_last_day():
    IssueFactory()  # July 2022: recent records up to 13 July

    assert august().recent_start() == day(2022, 7, 14)


def test_without_a_previous_issue_recent_records_start_with_the_coverage():
    IssueFactory(year=2022, month=9, number=9, undated=True)  # a later issue does not count

    assert august().recent_start() == day(2022, 7, 1)


def test_after_months_without_an_issue_recent_records_start_with_the_coverage():
    IssueFactory()  # July 2022, then nothing until December

    december = Issue.objects.create(year=2022, month=12, number=12)

    assert december.recent_start() == day(2022, 11, 1)


def test_the_previous_issue_is_the_nearest_earlier_one_across_years():
    IssueFactory(year=2022, month=11, number=11, undated=True, recent_until=day(2022, 11, 9))
    IssueFactory(year=2022, month=12, number=12, undated=True, recent_until=day(2022, 12, 14))
    january = IssueFactory(year=2023, month=1, number=1, undated=True)

    assert january.recent_start() == day(2022, 12, 15)


def test_comment_requests_and_news_up_to_the_previous_issues_last_day_are_not_offered():
    IssueFactory()
    issue = august()
    [before, after] = [
        CommentRequestFactory(start_date=d, end_date=d + datetime.timedelta(60))
        for d in (day(2022, 7, 13), day(2022, 7, 14))
    ]
    [news_before, news_after] = [
        NewsItemFactory(date=d) for d in (day(2022, 7, 13), day(2022, 7, 14))
    ]

    services.draft_from_records(issue, None)

    assert list(issue.comment_requests.all()) == [after]
    assert list(issue.news.all()) == [news_after]
    assert before not in issue.comment_requests.all()
    assert news_before not in issue.news.all()


def test_a_record_another_issue_carries_is_not_offered_again():
    july = IssueFactory()
    meeting, other = (
        MeetingFactory(start_date=day(2022, 7, d), end_date=day(2022, 7, d)) for d in (5, 6)
    )
    IssueMeeting.objects.create(issue=july, meeting=meeting, order=10)  # added there by hand
    issue = august()

    services.draft_from_records(issue, None)

    assert list(issue.meetings.all()) == [other]


def test_a_record_another_issue_carries_can_still_be_added_by_hand():
    july = IssueFactory()
    meeting = MeetingFactory(start_date=day(2022, 7, 5), end_date=day(2022, 7, 5))
    IssueMeeting.objects.create(issue=july, meeting=meeting, order=10)
    issue = august()
    services.draft_from_records(issue, None)

    IssueMeeting.objects.create(issue=issue, meeting=meeting, order=10)

    assert list(issue.meetings.all()) == [meeting]


def test_the_august_2022_issue_offers_nothing_july_printed(demo):
    july = Issue.objects.get(year=2022, month=7)
    printed = carried(july)
    # July printed comment requests and news of 1 to 13 July, which August's window also holds
    assert july.comment_requests.filter(start_date__gte=day(2022, 7, 1)).exists()
    later = CommentRequestFactory(start_date=day(2022, 7, 20), end_date=day(2022, 9, 20))
    issue = august()

    services.draft_from_records(issue, None)

    assert not carried(issue) & printed
    assert (IssueCommentRequest, later.pk) in carried(issue)


def test_the_issue_form_shows_the_drafting_window(editor_client):
    issue = august()

    response = editor_client.get(f"/admin/bulletin/issue/{issue.pk}/change/")

    assert "起草收录范围" in response.text
    assert "2022年7月14日" in response.text  # the day after July's last
    assert "接续上一期 2022/07" in response.text
