"""The public standards, comment requests and committees: lists, filters, details, visibility."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Standard
from tests.standards.factories import CommentRequestFactory, CommitteeFactory, StandardFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["object_list"])


def test_the_standards_list_shows_public_standards_only(client, public_demo):
    internal = StandardFactory(title="内部草拟中的标准", is_public=False)

    response = client.get(reverse("standards:standard-list"))

    assert response.status_code == 200
    assert response.context["total"] == Standard.objects.published().count() == 34
    assert internal not in rows(response)
    assert "内部草拟中的标准" not in response.text


def test_an_internal_standard_is_not_found(client, public_demo):
    internal = StandardFactory(is_public=False)

    assert client.get(internal.get_absolute_url()).status_code == 404


def test_filtering_by_level_shows_only_that_level(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"level": "qc_t"})

    listed = rows(response)
    assert listed
    assert {standard.level for standard in listed} == {Standard.Level.INDUSTRY}
    assert response.context["total"] == Standard.objects.published().filter(level="qc_t").count()


def test_search_finds_a_standard_by_its_plan_number(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"q": "20213570-T-339"})

    assert [standard.plan_number for standard in rows(response)] == ["20213570-T-339"]


def test_search_words_must_all_match(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"q": "混响室 抗扰性"})

    assert len(rows(response)) == 1
    assert "混响室法" in rows(response)[0].title


@pytest.mark.parametrize(
    "query", [{"level": "no-such-level"}, {"year": "twenty"}, {"committee": "999999"}]
)
def test_an_invalid_filter_shows_an_error_and_no_rows(client, public_demo, query):
    response = client.get(reverse("standards:standard-list"), query)

    assert response.status_code == 200
    assert response.context["filter"].errors
    assert rows(response) == []
    assert "筛选条件有误" in response.text


def test_the_plan_year_filter_reads_the_plan_number(client, public_demo):
    StandardFactory(plan_number="20110001-T-339", is_public=True)

    response = client.get(reverse("standards:standard-list"), {"year": "2011"})

    assert [standard.plan_number for standard in rows(response)] == ["20110001-T-339"]


def test_sorting_by_title(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"sort": "title", "page": 1})

    titles = [standard.title for standard in rows(response)]
    assert titles == sorted(titles)


def test_the_list_is_paginated_and_pages_keep_the_filters(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"level": "gb_t"})
    total = response.context["total"]

    assert total > 20
    assert len(rows(response)) == 20
    assert 'href="?level=gb_t&amp;page=2"' in response.text
    second = client.get(reverse("standards:standard-list"), {"level": "gb_t", "page": 2})
    assert len(rows(second)) == total - 20


def test_the_standard_page_links_its_relatives(client, public_demo):
    standard = Standard.objects.get(plan_number="20213570-T-339")
    meeting = Meeting.objects.get(reviews__standard=standard)

    response = client.get(standard.get_absolute_url())

    assert response.status_code == 200
    assert "2022-06-28" in response.text and "2022-06-30" in response.text
    assert meeting.get_absolute_url() in response.text
    assert reverse("bulletin:issue", kwargs={"year": 2022, "month": 7}) in response.text
    assert standard.committee.get_absolute_url() in response.text


def test_the_standard_page_hides_internal_meetings_and_unpublished_issues(client, demo):
    standard = Standard.objects.get(plan_number="20213570-T-339")
    standard.make_public()

    response = client.get(standard.get_absolute_url())

    assert Meeting.objects.get(reviews__standard=standard).title not in response.text
    assert reverse("bulletin:issue", kwargs={"year": 2022, "month": 7}) not in response.text


def test_the_standard_page_lists_its_comment_requests(client, public_demo):
    comment_request = CommentRequest.objects.published().first()

    response = client.get(comment_request.standard.get_absolute_url())

    assert comment_request.get_absolute_url() in response.text


# Comment requests ---------------------------------------------------------------------------


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def by_state(db, today):
    """One public comment request in each state, named after it."""
    day = datetime.timedelta(days=1)
    periods = {
        "closing": (today - 20 * day, today + 3 * day),
        "open": (today - 20 * day, today + 30 * day),
        "upcoming": (today + 5 * day, today + 60 * day),
        "closed": (today - 60 * day, today - 1 * day),
    }
    return {
        state: CommentRequestFactory(
            standard__title=f"状态{state}的标准",
            standard__is_public=True,
            is_public=True,
            start_date=start,
            end_date=end,
        )
        for state, (start, end) in periods.items()
    }


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("open", {"open", "closing"}),
        ("closing", {"closing"}),
        ("upcoming", {"upcoming"}),
        ("closed", {"closed"}),
    ],
)
def test_comment_requests_filter_by_state(client, by_state, state, expected):
    response = client.get(reverse("standards:commentrequest-list"), {"status": state})

    assert set(rows(response)) == {by_state[name] for name in expected}


def test_an_open_comment_request_says_how_many_days_are_left(client, by_state):
    response = client.get(reverse("standards:commentrequest-list"), {"status": "closing"})

    assert "3 天后截止" in response.text


def test_an_invalid_state_is_an_error(client, by_state):
    response = client.get(reverse("standards:commentrequest-list"), {"status": "soon"})

    assert response.context["filter"].errors
    assert rows(response) == []


def test_comment_requests_filter_by_year_and_month(client, public_demo):
    response = client.get(reverse("standards:commentrequest-list"), {"year": "2022", "month": "7"})

    listed = rows(response)
    assert listed
    assert {(item.start_date.year, item.start_date.month) for item in listed} == {(2022, 7)}


def test_the_comment_request_page_has_its_period_proposer_addresses_and_draft(client, db):
    comment_request = CommentRequestFactory(
        standard__is_public=True,
        is_public=True,
        reply_to="vehicle@miit.gov.cn，并抄送 someone@catarc.ac.cn",
        link="https://www.miit.gov.cn/draft.pdf",
        start_date=datetime.date(2022, 6, 17),
        end_date=datetime.date(2022, 8, 17),
    )

    response = client.get(comment_request.get_absolute_url())

    assert response.status_code == 200
    assert 'href="mailto:vehicle@miit.gov.cn' in response.text
    assert 'href="mailto:someone@catarc.ac.cn' in response.text
    assert 'href="https://www.miit.gov.cn/draft.pdf"' in response.text
    assert "2022-08-17" in response.text
    assert comment_request.proposer.name in response.text


def test_a_public_comment_request_of_an_internal_standard_is_not_found(client, db):
    comment_request = CommentRequestFactory(standard__is_public=False, is_public=True)

    assert client.get(comment_request.get_absolute_url()).status_code == 404


def test_an_internal_comment_request_is_not_listed_nor_found(client, db):
    comment_request = CommentRequestFactory(standard__is_public=True, is_public=False)

    assert rows(client.get(reverse("standards:commentrequest-list"))) == []
    assert client.get(comment_request.get_absolute_url()).status_code == 404


# Committees --------------------------------------------------------------------------------


def test_the_committee_page_shows_its_public_standards_meetings_and_comment_requests(
    client, public_demo
):
    committee = Committee.objects.get(short_name="电子与电磁兼容")
    internal = StandardFactory(committee=committee, title="不公开的电磁兼容标准")
    meeting = Meeting.objects.published().filter(organiser=committee).first()

    response = client.get(committee.get_absolute_url())

    assert response.status_code == 200
    assert "20213570-T-339" in response.text
    assert internal.title not in response.text
    assert meeting.get_absolute_url() in response.text


def test_committees_filter_by_kind_and_search(client, public_demo):
    response = client.get(reverse("standards:committee-list"), {"kind": "sc", "q": "电磁"})

    listed = rows(response)
    assert listed
    assert all(committee.kind == Committee.Kind.SC for committee in listed)
    assert all("电磁" in committee.name for committee in listed)


def test_a_committee_with_nothing_public_still_has_a_page(client, db):
    committee = CommitteeFactory()

    assert client.get(committee.get_absolute_url()).status_code == 200
