"""A list costs the same number of queries whatever the number of rows on its page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db


def make_standards(count):
    StandardFactory.create_batch(count, is_public=True, committee=CommitteeFactory())


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


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("standards:standard-list", make_standards),
        ("standards:commentrequest-list", make_comment_requests),
        ("standards:committee-list", make_committees),
        ("meetings:meeting-list", make_meetings),
        ("bulletin:newsitem-list", make_news),
    ],
)
def test_the_query_count_does_not_grow_with_the_rows(client, url_name, make):
    make(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name))
    make(15)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(url_name))

    assert response.context["total"] >= 17
    assert len(many) == len(few)


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_download_query_count_does_not_grow_with_the_rows(client, format):
    url = reverse("standards:commentrequest-export", kwargs={"format": format})
    make_comment_requests(2)
    with CaptureQueriesContext(connection) as few:
        b"".join(client.get(url).streaming_content)
    make_comment_requests(15)
    with CaptureQueriesContext(connection) as many:
        b"".join(client.get(url).streaming_content)

    assert len(many) == len(few)
