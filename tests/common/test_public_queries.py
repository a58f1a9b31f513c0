"""A list and its downloads cost the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.models import Issue, IssueRevision
from meetings.resources import MeetingResource
from standards.resources import CommentRequestResource, CommitteeResource, StandardResource
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.common.test_exports import admin_export
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import (
    CommentRequestFactory,
    CommitteeFactory,
    ReviewFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def make_standards(count):
    for standard in StandardFactory.create_batch(
        count, is_public=True, committee=CommitteeFactory()
    ):
        # Two reviews each, so that the download's 审查时间 must pick the latest.
        ReviewFactory(standard=standard)
        ReviewFactory(
            standard=standard,
            start_date=datetime.date(2023, 3, 1),
            end_date=datetime.date(2023, 3, 2),
        )


def make_comment_requests(count):
    for _ in range(count):
        CommentRequestFactory(is_public=True, standard__is_public=True)


def make_meetings(count):
    for _ in range(count):
        MeetingFactory(is_public=True, organiser=CommitteeFactory())


def make_news(count):
    NewsItemFactory.create_batch(count, is_public=True)


def make_committees(count):
    for _ in range(count):
        CommitteeFactory(parent=CommitteeFactory())


def make_issues(count):
    """Published issues, one a month from January 2000 on, with revisions but no files."""
    start = Issue.objects.count()
    for index in range(start, start + count):
        year, month = 2000 + index // 12, index % 12 + 1
        issue = IssueFactory(
            year=year, month=month, number=month, undated=True, status=Issue.Status.PUBLISHED
        )
        IssueRevision.objects.create(issue=issue, number=1, html_sha256="0", pdf_sha256="1")


def query_counts(make, read, more=18):
    """The queries of read() after make(2), then after make(more) records more; its last result."""
    make(2)
    with CaptureQueriesContext(connection) as few:
        read()
    make(more)
    with CaptureQueriesContext(connection) as many:
        result = read()
    return len(few), len(many), result


# The public lists ("app:model", as their URLs are named) and how to make their records.
LISTS = {
    "standards:standard": make_standards,
    "standards:commentrequest": make_comment_requests,
    "standards:committee": make_committees,
    "meetings:meeting": make_meetings,
    "bulletin:newsitem": make_news,
}


@pytest.mark.parametrize(
    ("url_name", "make"), [(f"{name}-list", make) for name, make in LISTS.items()]
)
def test_the_query_count_does_not_grow_with_the_rows(client, url_name, make):
    few, many, response = query_counts(make, lambda: client.get(reverse(url_name)), more=15)

    assert response.context["total"] >= 17
    assert many == few


DOWNLOADS = [(f"{name}-export", make) for name, make in LISTS.items()]
DOWNLOADS.append(("bulletin:issue-export", make_issues))


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize(("url_name", "make"), DOWNLOADS, ids=[name for name, _ in DOWNLOADS])
def test_the_download_query_count_does_not_grow_with_the_rows(client, url_name, make, format):
    url = reverse(url_name, kwargs={"format": format})
    few, many, _ = query_counts(make, lambda: b"".join(client.get(url).streaming_content))

    assert many == few


ADMIN_EXPORTS = [(name.replace(":", "_"), make) for name, make in LISTS.items()]


@pytest.mark.parametrize(
    ("model_admin", "make"), ADMIN_EXPORTS, ids=[name for name, _ in ADMIN_EXPORTS]
)
def test_the_admin_export_query_count_does_not_grow_with_the_rows(admin_client, model_admin, make):
    few, many, _ = query_counts(make, lambda: admin_export(admin_client, model_admin))

    assert many == few


RESOURCES = [
    (StandardResource, make_standards),
    (CommentRequestResource, make_comment_requests),
    (CommitteeResource, make_committees),
    (MeetingResource, make_meetings),
]


@pytest.mark.parametrize(
    ("resource_class", "make"), RESOURCES, ids=[cls.__name__ for cls, _ in RESOURCES]
)
def test_a_resources_export_of_all_records_does_not_grow_with_the_rows(resource_class, make):
    """resource.export() without a queryset reads the model's plain manager."""
    few, many, dataset = query_counts(make, lambda: resource_class().export())

    assert len(dataset) >= 20
    assert many == few
