import datetime
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from bulletin.models import Issue, NewsItem, RenderJob, SecretariatProfile
from imports.models import ImportJob
from meetings.models import Meeting, MeetingAttachment
from standards.models import CommentRequest, Committee, Review, Standard
from subscriptions.models import Mailing, Subscriber
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, ReviewFactory, StandardFactory


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "unused")


@pytest.fixture
def client_as(demo, superuser, django_user_model):
    """A test client logged in as a role: client_as("editor"); "anonymous" is not logged in."""
    usernames = {"editor": "editor", "publisher": "publisher", "administrator": "admin"}

    def make(role):
        client = Client()
        if role != "anonymous":
            client.force_login(django_user_model.objects.get(username=usernames[role]))
        return client

    return make


@pytest.fixture
def internal(public_demo):
    """Beside the published July 2022 issue, one unpublished thing of every kind.

    Each is where a leak would show: open today (home, closing soon), newest first (home, feeds),
    under a committee, next to a public standard or meeting, and in a draft issue that mentions
    public records. Titles and addresses carry "INTERNAL" to be found in any response.
    """
    today = timezone.localdate()
    public_standard = Standard.objects.published().filter(committee__isnull=False).first()
    public_meeting = Meeting.objects.published().first()
    standard = StandardFactory(
        title="INTERNAL-STANDARD 内部标准",
        english_title="INTERNAL-STANDARD",
        committee=public_standard.committee,
        is_public=False,
    )
    review = ReviewFactory(standard=standard, start_date=today, end_date=today)
    public_meeting.reviews.add(review)
    public_meeting.related_standards.add(standard)

    def open_comment_request(number, reply_to, **fields):
        return CommentRequestFactory(
            reply_to=reply_to,
            link=f"https://example.com/INTERNAL-CR-{number}",
            start_date=today - datetime.timedelta(days=3),
            end_date=today,
            **fields,
        )

    comment_request = open_comment_request(
        1, "internal-of-internal@example.com", standard=standard, is_public=False
    )
    # Internal itself, on a public standard: only its own fields tell it apart.
    comment_request_of_public = open_comment_request(
        2,
        "internal-cr@example.com",
        standard=public_standard,
        proposer=public_standard.committee,
        is_public=False,
    )
    # Ticked public once, then its standard was made internal: hidden with its standard.
    comment_request_of_internal = open_comment_request(
        3, "public-of-internal@example.com", standard=standard, is_public=True
    )
    meeting = MeetingFactory(
        title="INTERNAL-MEETING 内部会议",
        organiser=public_standard.committee,
        start_date=today,
        end_date=today,
        is_public=False,
    )
    meeting.related_standards.add(public_standard)
    news = NewsItemFactory(title="INTERNAL-NEWS 内部资讯", date=today, is_public=False)
    issue = IssueFactory(
        year=2022,
        month=8,
        number=8,
        highlights="INTERNAL-ISSUE 草稿要点",
        coverage_start=datetime.date(2022, 7, 1),
        coverage_end=datetime.date(2022, 7, 31),
        recent_until=datetime.date(2022, 8, 12),
    )
    issue.comment_requests.add(comment_request, comment_request_of_public)
    issue.meetings.add(meeting, public_meeting)
    issue.news.add(news)
    issue.reviews.add(review)
    return SimpleNamespace(
        published_issue=public_demo,
        public_standard=public_standard,
        public_meeting=public_meeting,
        standard=standard,
        review=review,
        comment_requests=[comment_request, comment_request_of_public, comment_request_of_internal],
        meeting=meeting,
        news=news,
        issue=issue,
    )


@pytest.fixture
def records(internal, superuser, django_user_model):
    """The record each page is opened with, by model: public ones, for the public pages too."""
    editor = django_user_model.objects.get(username="editor")
    job = ImportJob.objects.create(
        kind="standards",
        original_filename="standards.xlsx",
        status=ImportJob.Status.SUCCEEDED,
        requested_by=editor,
    )
    task_result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="bulletin.tasks.publish_issue",
        backend_name="default",
        run_after=get_date_max(),  # none: the tests' immediate backend refuses one
    )
    objects = {
        Group: editor.groups.get(),
        django_user_model: editor,
        DBTaskResult: task_result,
        Committee: internal.public_standard.committee,
        Standard: internal.public_standard,
        Review: Review.objects.published().first(),
        CommentRequest: CommentRequest.objects.published().first(),
        Meeting: internal.public_meeting,
        NewsItem: NewsItem.objects.published().first(),
        SecretariatProfile: SecretariatProfile.objects.get(),
        Issue: internal.issue,  # a draft: every page of the workflow applies to it
        ImportJob: job,
        # a large issue's PDF preview, rendered by the worker
        RenderJob: RenderJob.objects.create(
            issue=internal.issue,
            kind=RenderJob.Kind.PREVIEW,
            status=RenderJob.Status.SUCCEEDED,
            preview_pdf=b"%PDF-1.7 stand-in",
            requested_by=editor,
        ),
        Subscriber: Subscriber.objects.create(email="reader@example.org"),
        Mailing: Mailing.objects.create(
            kind=Mailing.Kind.ISSUE, revision=internal.published_issue.revisions.get()
        ),
        # Served by the media view with the public meeting it belongs to.
        MeetingAttachment: MeetingAttachment.objects.create(
            meeting=internal.public_meeting,
            title="会议议程",
            file=ContentFile(b"%PDF-1.4 agenda", name="议程.pdf"),
        ),
    }
    # django-axes' records of logins
    login = {
        "user_agent": "pytest",
        "ip_address": "127.0.0.1",
        "username": "editor",
        "http_accept": "*/*",
        "path_info": "/admin/login/",
    }
    objects[AccessAttempt] = AccessAttempt.objects.create(
        **login, get_data="", post_data="", failures_since_start=1
    )
    objects[AccessLog] = AccessLog.objects.create(**login)
    objects[AccessFailureLog] = AccessFailureLog.objects.create(**login)
    for record in objects.values():
        # The history pages show one entry; records the demo bulk-created have none yet.
        if hasattr(record, "history") and not record.history.exists():
            record.save()
    return objects
