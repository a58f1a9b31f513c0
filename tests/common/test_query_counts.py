"""The number of queries of the busiest pages, pinned: a change that adds one per row, or one
more per page, shows here before it shows on the site with 100,000 standards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.models import Issue, IssueMeeting, IssueReview
from common.paginators import EstimatedCountPaginator
from tests.common.test_public_queries import make_comment_requests, make_meetings, make_standards
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.standards.factories import ReviewFactory, StandardFactory

pytestmark = pytest.mark.django_db

# (list, a filter its visitors use, records to make, queries): the count, the filter's choices
# (committees, proposers, organisers), the page and the secretariat's details in the footer.
LISTS = [
    ("standards:standard-list", {"level": "gb_t"}, make_standards, 4),
    ("standards:commentrequest-list", {"level": "gb_t"}, make_comment_requests, 5),
    ("meetings:meeting-list", {"mode": "in_person"}, make_meetings, 4),
]


@pytest.mark.parametrize(("url_name", "query", "make", "queries"), LISTS)
def test_a_list_page_takes_the_same_queries_whatever_its_size(
    client, url_name, query, make, queries
):
    make(3)
    url = reverse(url_name)
    counted = {}
    for per_page in (20, 50, 100):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {**query, "per_page": per_page})
        assert response.status_code == 200
        assert response.context["paginator"].per_page == per_page
        counted[per_page] = len(captured)
    make(60)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"per_page": 50})

    assert len(response.context["object_list"]) == 50
    assert counted == {20: queries, 50: queries, 100: queries}
    assert len(captured) == queries


def test_the_issue_page_is_one_query_whatever_the_issue_holds(client, public_demo):
    url = reverse("bulletin:issue", args=[2022, 7])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    b"".join(response.streaming_content)

    assert response.status_code == 200
    assert len(captured) == 1  # its latest revision; the page is the file frozen at publishing


def test_rendering_an_issue_takes_the_same_queries_for_more_entries(demo):
    from bulletin.rendering.html import render_html

    issue = Issue.objects.get(year=2022, month=7)
    with CaptureQueriesContext(connection) as few:
        render_html(issue)
    for order in range(100, 110):
        meeting = MeetingFactory()
        MeetingSectionFactory(meeting=meeting)
        IssueMeeting.objects.create(issue=issue, meeting=meeting, order=order)
        IssueReview.objects.create(issue=issue, review=ReviewFactory(), order=order)
    with CaptureQueriesContext(connection) as many:
        html = render_html(issue)

    assert meeting.title in html
    assert len(many) == len(few) <= 20


@pytest.fixture
def standards_changelist(admin_client):
    def get(**query):
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(reverse("admin:standards_standard_changelist"), query)
        assert response.status_code == 200
        return response, [entry["sql"] for entry in captured]

    return get


def test_the_standards_changelist_takes_at_most_15_queries_whatever_its_size(standards_changelist):
    StandardFactory.create_batch(3)
    _, few = standards_changelist()
    StandardFactory.create_batch(120)
    response, many = standards_changelist()
    _, filtered = standards_changelist(is_public__exact="1", q="标准")

    assert len(response.context["cl"].result_list) == 100
    assert len(many) == len(few) <= 15
    assert len(filtered) <= 15


def test_the_standards_changelist_counts_once(standards_changelist):
    """No second count "of N in all": show_full_result_count is off."""
    StandardFactory.create_batch(5)
    _, queries = standards_changelist(is_public__exact="0")

    assert sum("COUNT(" in sql.upper() for sql in queries) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row estimate")
def test_on_postgresql_the_unfiltered_changelist_reads_the_estimate_not_count(
    standards_changelist, monkeypatch
):
    StandardFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE standards_standard")
    monkeypatch.setattr(EstimatedCountPaginator, "estimate_from", 10)

    response, queries = standards_changelist()
    _, filtered = standards_changelist(is_public__exact="0")

    assert not any("COUNT(" in sql.upper() for sql in queries)
    assert any("reltuples" in sql for sql in queries)
    assert response.context["cl"].result_count == 30
    assert sum("COUNT(" in sql.upper() for sql in filtered) == 1  # filtered: counted exactly
