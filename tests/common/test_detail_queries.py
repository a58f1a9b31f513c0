"""A public record's page costs the same number of queries whatever the number of its relatives."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.standards.factories import (
    CommentRequestFactory,
    CommitteeFactory,
    ReviewFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


def a_standard():
    return StandardFactory(is_public=True)


def more_for_standard(standard, count):
    for day in range(count):
        ReviewFactory(
            standard=standard,
            start_date=datetime.date(2023, 1, 1) + datetime.timedelta(days=day),
            end_date=datetime.date(2023, 1, 2) + datetime.timedelta(days=day),
        )
        CommentRequestFactory(standard=standard, is_public=True, proposer=CommitteeFactory())


def a_comment_request():
    return CommentRequestFactory(is_public=True, standard__is_public=True)


def more_for_comment_request(comment_request, count):
    # Its relatives are one each (standard, committee, proposer); its standard's other requests
    # must not be read.
    more_for_standard(comment_request.standard, count)


def a_meeting():
    return MeetingFactory(is_public=True)


def more_for_meeting(meeting, count):
    for _ in range(count):
        MeetingSectionFactory(meeting=meeting)
        review = ReviewFactory(standard__is_public=True, standard__committee=CommitteeFactory())
        meeting.reviews.add(review)
        meeting.related_standards.add(StandardFactory(is_public=True, committee=CommitteeFactory()))


def a_committee():
    return CommitteeFactory(parent=CommitteeFactory())


def more_for_committee(committee, count):
    for _ in range(count):
        CommitteeFactory(parent=committee)
        standard = StandardFactory(is_public=True, committee=committee)
        CommentRequestFactory(standard=standard, is_public=True, proposer=CommitteeFactory())


def a_news_item():
    return NewsItemFactory(is_public=True)


def more_for_news_item(news_item, count):
    NewsItemFactory.create_batch(count, is_public=True)


# How to make each kind's record and more of its relatives, and whether its page lists them
# (a comment request's and a news item's page show one of each, whatever there are).
DETAILS = {
    "standard": (a_standard, more_for_standard, True),
    "comment request": (a_comment_request, more_for_comment_request, False),
    "meeting": (a_meeting, more_for_meeting, True),
    "committee": (a_committee, more_for_committee, True),
    "news item": (a_news_item, more_for_news_item, False),
}


@pytest.mark.parametrize(("make", "more", "lists_them"), DETAILS.values(), ids=DETAILS.keys())
def test_a_detail_page_takes_the_same_queries_whatever_its_relatives(
    client, make, more, lists_them
):
    record = make()
    more(record, 1)
    with CaptureQueriesContext(connection) as few:
        first = client.get(record.get_absolute_url())
    more(record, 8)
    with CaptureQueriesContext(connection) as many:
        then = client.get(record.get_absolute_url())

    assert first.status_code == then.status_code == 200
    assert (len(then.content) > len(first.content)) is lists_them
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
