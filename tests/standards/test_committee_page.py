"""A committee's page shows the latest of its records and links to the lists for the rest."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db


def fill(committee, count):
    StandardFactory.create_batch(count, committee=committee, is_public=True)
    for _ in range(count):
        CommentRequestFactory(
            proposer=committee, is_public=True, standard__is_public=True, standard__committee=None
        )
    MeetingFactory.create_batch(count, organiser=committee, is_public=True)


def test_a_busy_committee_shows_ten_of_each_and_links_to_all(client):
    committee = CommitteeFactory(name="整车分技术委员会")
    fill(committee, 12)

    page = client.get(committee.get_absolute_url()).text

    assert len(re.findall(r'href="/standards/\d+/"', page)) == 10
    assert len(re.findall(r'href="/comment-requests/\d+/"', page)) == 10
    assert len(re.findall(r'href="/meetings/\d+/"', page)) == 10
    assert f'href="/standards/?committee={committee.pk}"' in page
    assert f'href="/comment-requests/?proposer={committee.pk}"' in page
    assert f'href="/meetings/?organiser={committee.pk}"' in page
    assert page.count("查看全部 12 条") == 3


def test_a_small_committee_lists_everything_without_a_link(client):
    committee = CommitteeFactory(name="挂车分技术委员会")
    fill(committee, 3)

    page = client.get(committee.get_absolute_url()).text

    assert "查看全部" not in page


def test_the_page_reads_the_same_number_of_rows_whatever_the_committee_keeps(client):
    small, busy = CommitteeFactory(name="小委员会"), CommitteeFactory(name="大委员会")
    fill(small, 2)
    fill(busy, 30)

    counts = []
    for committee in (small, busy):
        with CaptureQueriesContext(connection) as queries:
            client.get(committee.get_absolute_url())
        counts.append(len(queries))

    assert counts[0] == counts[1]
