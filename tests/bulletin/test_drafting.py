"""Draft from records: which records of the coverage window an issue is offered, and reruns."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from bulletin import services
from bulletin.models import Issue, IssueCommentRequest, IssueMeeting, IssueNewsItem, IssueReview
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, ReviewFactory

pytestmark = pytest.mark.django_db

day = datetime.date


def draft(issue):
    """Draft from records as a script would, with nobody to name in the history."""
    return services.draft_from_records(issue, None)


def entries(issue, entry_model):
    return [
        getattr(entry, entry_model.record_field)
        for entry in entry_model.objects.filter(issue=issue)
    ]


@pytest.mark.parametrize(
    ("year", "month", "today", "window"),
    [
        # the July 2022 issue, drafted on 13 July: June, and recent records up to 13 July
        (2022, 7, day(2022, 7, 13), (day(2022, 6, 1), day(2022, 6, 30), day(2022, 7, 13))),
        # drafted early: recent records never end before the coverage does
        (2022, 7, day(2022, 6, 20), (day(2022, 6, 1), day(2022, 6, 30), day(2022, 6, 30))),
        # drafted late: recent records stop at the end of the issue's month
        (2022, 7, day(2022, 9, 2), (day(2022, 6, 1), day(2022, 6, 30), day(2022, 7, 31))),
        # January covers December of the year before
        (2023, 1, day(2023, 1, 10), (day(2022, 12, 1), day(2022, 12, 31), day(2023, 1, 10))),
        # March of a leap year covers all 29 days of February
        (2024, 3, day(2024, 3, 5), (day(2024, 2, 1), day(2024, 2, 29), day(2024, 3, 5))),
    ],
)
def test_default_window_is_the_previous_month_and_recent_records_to_the_drafting_day(
    year, month, today, window
):
    issue = Issue(year=year, month=month, number=1)

    issue.fill_default_window(today=today)

    assert (issue.coverage_start, issue.coverage_end, issue.recent_until) == window


def test_an_edited_window_is_kept():
    issue = IssueFactory(coverage_start=day(2022, 5, 20), recent_until=day(2022, 7, 20))

    issue.refresh_from_db()

    assert issue.coverage_start == day(2022, 5, 20)
    assert issue.recent_until == day(2022, 7, 20)


@pytest.mark.parametrize(
    ("first", "last", "kinds"),
    [
        pytest.param(
            day(2022, 6, 1),
            day(2022, 6, 30),
            [
                (lambda d: ReviewFactory(start_date=d, end_date=d), IssueReview),
                (lambda d: MeetingFactory(start_date=d, end_date=d), IssueMeeting),
            ],
            id="reviews-and-meetings-from-the-coverage-window",
        ),
        pytest.param(
            day(2022, 6, 1),
            day(2022, 7, 13),
            [
                (
                    lambda d: CommentRequestFactory(
                        start_date=d, end_date=d + datetime.timedelta(60)
                    ),
                    IssueCommentRequest,
                ),
                (lambda d: NewsItemFactory(date=d), IssueNewsItem),
            ],
            id="comment-requests-and-news-up-to-the-drafting-day",
        ),
    ],
)
def test_records_are_drafted_from_their_window_boundary_days_included(first, last, kinds):
    issue = IssueFactory()  # covers June 2022, drafted on 13 July
    one_day = datetime.timedelta(1)
    days = [first - one_day, first, last, last + one_day]
    made = [(entry_model, {d: make(d) for d in days}) for make, entry_model in kinds]

    draft(issue)

    for entry_model, records in made:
        assert entries(issue, entry_model) == [records[first], records[last]], entry_model


def test_a_meeting_that_started_in_the_window_is_reported_even_if_it_ends_after():
    issue = IssueFactory()
    meeting = MeetingFactory(start_date=day(2022, 6, 30), end_date=day(2022, 7, 2))

    draft(issue)

    assert entries(issue, IssueMeeting) == [meeting]


def test_undated_news_counts_from_the_day_it_was_entered():
    issue = IssueFactory()
    entered_in_window = NewsItemFactory(date=None)
    entered_later = NewsItemFactory(date=None)
    type(entered_in_window).objects.filter(pk=entered_in_window.pk).update(
        created_at=datetime.datetime(2022, 7, 1, 9, tzinfo=datetime.UTC)
    )

    draft(issue)

    assert entries(issue, IssueNewsItem) == [entered_in_window]
    assert entered_later not in entries(issue, IssueNewsItem)


def test_rerun_keeps_manual_removals_additions_and_order_and_adds_what_is_new():
    issue = IssueFactory()
    first, second, third = (
        MeetingFactory(start_date=day(2022, 6, d), end_date=day(2022, 6, d)) for d in (3, 10, 17)
    )
    from_may = MeetingFactory(start_date=day(2022, 5, 20), end_date=day(2022, 5, 20))
    draft(issue)
    # the editor removes the second, puts the third first and adds a meeting from May
    IssueMeeting.objects.get(issue=issue, meeting=second).delete()
    IssueMeeting.objects.filter(issue=issue, meeting=third).update(order=1)
    IssueMeeting.objects.create(issue=issue, meeting=from_may, order=5)
    late = MeetingFactory(start_date=day(2022, 6, 29), end_date=day(2022, 6, 29))

    issue.refresh_from_db()
    added = draft(issue)

    assert entries(issue, IssueMeeting) == [third, from_may, first, late]
    assert added[IssueMeeting] == 1


def test_rerun_with_nothing_new_changes_nothing():
    issue = IssueFactory()
    ReviewFactory()
    CommentRequestFactory()
    draft(issue)
    before = list(IssueReview.objects.values()), list(IssueCommentRequest.objects.values())

    added = draft(issue)

    assert sum(added.values()) == 0
    assert (
        list(IssueReview.objects.values()),
        list(IssueCommentRequest.objects.values()),
    ) == before


def test_the_demo_records_draft_the_july_2022_issue(demo):
    Issue.objects.all().delete()  # the demo's own, which carries them
    issue = Issue.objects.create(
        year=2022,
        month=7,
        number=7,
        coverage_start=day(2022, 6, 1),
        coverage_end=day(2022, 6, 30),
        recent_until=day(2022, 7, 13),
    )

    draft(issue)

    assert issue.issuereview_set.count() == 7
    assert issue.issuecommentrequest_set.count() == 14
    assert issue.issuemeeting_set.count() == 14
    # the one news item with a date (6 July); the others carry none in the seed
    assert issue.issuenewsitem_set.count() == 1


def test_draft_button_fills_the_issue_for_the_editor(editor_client):
    issue = Issue.objects.get()
    issue.issuemeeting_set.all().delete()

    response = editor_client.post(f"/admin/bulletin/issue/{issue.pk}/draft/", follow=True)

    assert response.status_code == 200
    # the demo issue had offered nothing through drafting, so every June meeting comes back
    assert issue.issuemeeting_set.count() == 14
    assert "从记录起草：新增" in response.text


def test_drafting_is_in_the_history_with_who_drafted(editor_client):
    issue = Issue.objects.get()
    editor = get_user_model().objects.get(username="editor")

    services.draft_from_records(issue, editor)

    latest = issue.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "从记录起草")
    editor_client.post(f"/admin/bulletin/issue/{issue.pk}/draft/")
    latest = issue.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "从记录起草")


def test_only_a_draft_is_drafted_from_records(editor_client):
    issue = Issue.objects.get()
    services.transition(issue, "submit", get_user_model().objects.get(username="editor"))
    issue.refresh_from_db()
    issue.issuemeeting_set.all().delete()

    with pytest.raises(services.TransitionRefused, match="只有草稿可以从记录起草"):
        services.draft_from_records(issue, None)
    response = editor_client.post(f"/admin/bulletin/issue/{issue.pk}/draft/", follow=True)

    assert "只有草稿可以从记录起草" in response.text
    assert issue.issuemeeting_set.count() == 0
