"""The secretary's dashboard on the admin's index: each part, who sees it, and its queries."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin.dashboard import issue_in_the_making
from bulletin.models import Issue, IssueReview, RenderJob
from imports.models import ImportJob
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, ReviewFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def this_month():
    today = timezone.localdate()
    return today.year, today.month


def next_month():
    year, month = this_month()
    return year + month // 12, month % 12 + 1


def coming_window():
    """The window of this month's issue as the model fills it (Issue.fill_default_window)."""
    year, month = this_month()
    issue = Issue(year=year, month=month)
    issue.fill_default_window()
    return issue


def dashboard_of(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    return response, response.context["dashboard"]


def pending_by_label(dashboard):
    return {str(kind.label): kind for kind in dashboard.pending}


@pytest.fixture
def staff_client(client, django_user_model):
    """A client for a staff user holding only the permissions given (app_label.codename)."""

    def login(*permissions):
        user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        client.force_login(user)
        return client

    return login


# This month's issue ----------------------------------------------------------------------------


@pytest.mark.parametrize("role_client", ["editor_client", "publisher_client"])
def test_without_this_months_issue_the_dashboard_offers_to_add_it(request, role_client):
    response, dashboard = dashboard_of(request.getfixturevalue(role_client))

    year, month = this_month()
    assert dashboard.issue.issue.pk is None
    add_url = f"{reverse('admin:bulletin_issue_add')}?{urlencode({'year': year, 'month': month})}"
    assert dashboard.issue.url == add_url
    assert f"新建{year}年{month}月月报" in response.text
    assert add_url.replace("&", "&amp;") in response.text


def test_this_months_issue_is_shown_with_its_state_and_change_page(editor_client):
    year, month = this_month()
    issue = IssueFactory(year=year, month=month, undated=True, status=Issue.Status.IN_REVIEW)

    response, dashboard = dashboard_of(editor_client)

    assert dashboard.issue.issue == issue
    assert reverse("admin:bulletin_issue_change", args=[issue.pk]) in response.text
    assert f"{year}年{month}月月报" in response.text
    assert "待审核" in response.text


def test_once_this_months_issue_is_published_next_months_is_the_one_in_the_making(db):
    year, month = this_month()
    IssueFactory(year=year, month=month, undated=True, status=Issue.Status.PUBLISHED)

    issue = issue_in_the_making(timezone.localdate())

    assert (issue.year, issue.month) == next_month()
    assert issue.pk is None


def test_an_unpublished_issue_of_this_month_comes_before_next_months(db):
    year, month = this_month()
    current = IssueFactory(year=year, month=month, undated=True, status=Issue.Status.APPROVED)
    following_year, following_month = next_month()
    IssueFactory(year=following_year, month=following_month, number=99, undated=True)

    assert issue_in_the_making(timezone.localdate()) == current


def test_a_viewer_who_may_not_add_issues_gets_no_add_link(staff_client):
    client = staff_client("bulletin.view_issue")

    response, dashboard = dashboard_of(client)

    assert dashboard.issue.url == ""
    assert reverse("admin:bulletin_issue_add") not in response.text


# Records waiting for an issue ------------------------------------------------------------------


def test_a_record_of_the_window_in_no_issue_is_counted_and_listed(editor_client):
    before = pending_by_label(dashboard_of(editor_client)[1])["标准审查"].count
    window = coming_window()
    waiting = ReviewFactory(start_date=window.coverage_end, end_date=window.coverage_end)
    carried = ReviewFactory(start_date=window.coverage_end, end_date=window.coverage_end)
    IssueReview.objects.create(issue=Issue.objects.get(year=2022, month=7), review=carried)
    ReviewFactory(
        start_date=window.coverage_start - datetime.timedelta(days=1),
        end_date=window.coverage_start - datetime.timedelta(days=1),
    )

    _, dashboard = dashboard_of(editor_client)

    reviews = pending_by_label(dashboard)["标准审查"]
    assert reviews.count == before + 1
    listed = editor_client.get(reviews.url).context["cl"].result_list
    assert waiting in listed
    assert carried not in listed


def test_each_kinds_link_lists_exactly_the_records_it_counts(publisher_client):
    window = coming_window()
    day = window.coverage_end
    ReviewFactory(start_date=day, end_date=day)
    CommentRequestFactory(start_date=window.recent_until, end_date=window.recent_until)
    MeetingFactory(start_date=day, end_date=day)
    NewsItemFactory(date=window.recent_until)
    NewsItemFactory(date=None)  # entered today: picked by when it was entered

    _, dashboard = dashboard_of(publisher_client)

    kinds = pending_by_label(dashboard)
    assert set(kinds) == {"标准审查", "征求意见", "会议", "行业资讯"}
    for kind in kinds.values():
        assert kind.count >= 1
        assert publisher_client.get(kind.url).context["cl"].result_count == kind.count
    news = kinds["行业资讯"]
    assert news.undated_count == 1
    assert publisher_client.get(news.undated_url).context["cl"].result_count == 1


def test_only_the_kinds_the_user_may_view_are_counted(staff_client):
    client = staff_client("standards.view_commentrequest")

    _, dashboard = dashboard_of(client)

    assert set(pending_by_label(dashboard)) == {"征求意见"}


# Comment requests closing soon -----------------------------------------------------------------


def test_comment_requests_closing_within_seven_days_are_listed_with_links(editor_client):
    today = timezone.localdate()
    soon = CommentRequestFactory(
        start_date=today - datetime.timedelta(days=10), end_date=today + datetime.timedelta(days=3)
    )
    later = CommentRequestFactory(start_date=today, end_date=today + datetime.timedelta(days=20))

    response, dashboard = dashboard_of(editor_client)

    assert dashboard.closing.comment_requests == [soon]
    assert dashboard.closing.count == 1
    assert reverse("admin:standards_commentrequest_change", args=[soon.pk]) in response.text
    assert reverse("admin:standards_commentrequest_change", args=[later.pk]) not in response.text
    assert "3 天后截止" in response.text
    listed = editor_client.get(dashboard.closing.url).context["cl"].result_list
    assert list(listed) == [soon]


def test_beyond_the_shown_ones_the_count_says_how_many_close(editor_client):
    today = timezone.localdate()
    CommentRequestFactory.create_batch(12, start_date=today, end_date=today)

    _, dashboard = dashboard_of(editor_client)

    assert len(dashboard.closing.comment_requests) == 10
    assert dashboard.closing.count == 12


# Issues waiting for the user's review ----------------------------------------------------------


@pytest.fixture
def submitted_by_editor(demo, django_user_model):
    """The demo issue in review, submitted by the editor."""
    issue = Issue.objects.get(year=2022, month=7)
    editor = django_user_model.objects.get(username="editor")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.IN_REVIEW, submitted_by=editor)
    return issue


def test_a_publisher_sees_the_issue_an_editor_submitted_to_approve(
    publisher_client, submitted_by_editor
):
    response, dashboard = dashboard_of(publisher_client)

    [task] = dashboard.to_review
    assert task.issue == submitted_by_editor
    assert task.action == "批准"
    approve = reverse("admin:bulletin_issue_transition", args=[submitted_by_editor.pk, "approve"])
    assert task.action_url == approve
    assert publisher_client.get(approve).status_code == 200
    assert reverse("admin:bulletin_issue_change", args=[submitted_by_editor.pk]) in response.text
    assert "等待我审核的月报" in response.text


def test_an_approved_issue_waits_for_the_publisher_to_publish(publisher_client, demo):
    Issue.objects.filter(year=2022, month=7).update(status=Issue.Status.APPROVED)

    _, dashboard = dashboard_of(publisher_client)

    assert [task.action for task in dashboard.to_review] == ["发布"]


def test_four_eyes_keep_an_issue_from_its_submitter(publisher_client, demo, django_user_model):
    publisher = django_user_model.objects.get(username="publisher")
    Issue.objects.filter(year=2022, month=7).update(
        status=Issue.Status.IN_REVIEW, submitted_by=publisher
    )

    _, dashboard = dashboard_of(publisher_client)

    assert dashboard.to_review == []


def test_editors_have_no_review_part(editor_client, submitted_by_editor):
    response, dashboard = dashboard_of(editor_client)

    assert dashboard.to_review is None
    assert "等待我审核的月报" not in response.text


# Recent jobs ----------------------------------------------------------------------------------


def import_job(**fields):
    return ImportJob.objects.create(
        kind="news", original_filename="资讯.csv", file="imports/news.csv", **fields
    )


def test_an_editor_sees_the_recent_imports_of_records_they_may_import(editor_client):
    job = import_job(status=ImportJob.Status.SUCCEEDED)

    response, dashboard = dashboard_of(editor_client)

    assert dashboard.imports.jobs == [job]
    assert reverse("admin:imports_importjob_change", args=[job.pk]) in response.text
    assert reverse("admin:imports_importjob_changelist") in response.text
    assert "资讯.csv" in response.text


def test_a_dead_import_is_shown_failed_not_running(editor_client, settings):
    silent_since = timezone.now() - datetime.timedelta(
        seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS + 1
    )
    import_job(status=ImportJob.Status.RUNNING, started_at=silent_since, heartbeat_at=silent_since)

    _, dashboard = dashboard_of(editor_client)

    assert [job.status for job in dashboard.imports.jobs] == [ImportJob.Status.FAILED]


def test_render_jobs_are_shown_with_their_issue(editor_client):
    issue = Issue.objects.get(year=2022, month=7)
    job = RenderJob.objects.create(
        issue=issue, kind=RenderJob.Kind.PREVIEW, status=RenderJob.Status.RUNNING
    )
    job.start()

    response, dashboard = dashboard_of(editor_client)

    assert dashboard.renders.jobs == [job]
    assert "PDF 预览" in response.text
    assert reverse("admin:bulletin_issue_change", args=[issue.pk]) in response.text


# Who sees what ----------------------------------------------------------------------------------


def test_a_user_with_one_view_permission_sees_only_its_part(staff_client, demo):
    import_job()
    client = staff_client("standards.view_commentrequest")

    response, dashboard = dashboard_of(client)

    assert dashboard.closing is not None
    assert dashboard.issue is None
    assert dashboard.to_review is None
    assert dashboard.imports is None
    assert dashboard.renders is None
    for heading in ["本期月报", "等待我审核的月报", "最近的导入任务", "最近的生成任务"]:
        assert heading not in response.text


def test_the_app_list_stays_on_the_index(editor_client):
    response, _ = dashboard_of(editor_client)

    assert 'class="app-list"' in response.text
    assert reverse("admin:standards_standard_changelist") in response.text
    assert reverse("admin:bulletin_newsitem_add") in response.text


# Queries --------------------------------------------------------------------------------------


def test_the_index_reads_a_bounded_number_of_queries(
    publisher_client, submitted_by_editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        publisher_client.get(INDEX)


def test_more_records_issues_and_jobs_cost_no_more_queries(publisher_client, demo):
    today = timezone.localdate()

    def count_queries():
        publisher_client.get(INDEX)  # the session and permission caches warmed
        with CaptureQueriesContext(connection) as queries:
            publisher_client.get(INDEX)
        return len(queries)

    few = count_queries()
    issue = Issue.objects.get(year=2022, month=7)
    for _ in range(5):
        import_job()
        RenderJob.objects.create(issue=issue, kind=RenderJob.Kind.PREVIEW)
        CommentRequestFactory(start_date=today, end_date=today)
    for month in range(1, 4):
        IssueFactory(year=2023, month=month, number=month, status=Issue.Status.APPROVED)

    assert count_queries() == few
