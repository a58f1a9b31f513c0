"""A committee's own calendar: its meetings and the deadlines of the comment requests it proposed
(the site-wide calendars: tests/common/test_calendars.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, CommitteeFactory

pytestmark = pytest.mark.django_db

SITE_HOST = "bulletin.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = f"https://{SITE_HOST}"


def soon(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return {"start_date": day, "end_date": day}


def comment_request(proposer, **kwargs):
    """Open from today for 30 days unless told otherwise."""
    period = {"start_date": timezone.localdate(), "end_date": soon(30)["end_date"]}
    return CommentRequestFactory(
        proposer=proposer, standard__is_public=True, **{**period, **kwargs}
    )


def uids(response):
    return {str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def calendar_url(committee):
    return reverse("meetings:committee-calendar", kwargs={"pk": committee.pk})


def test_a_committee_calendar_holds_its_public_meetings_and_deadlines_alone(client):
    committee, other = CommitteeFactory(name="电动车辆分技术委员会"), CommitteeFactory()
    meeting = MeetingFactory(organiser=committee, is_public=True, **soon(10))
    deadline = comment_request(committee, is_public=True)
    MeetingFactory(organiser=committee, is_public=False, **soon(10))
    comment_request(committee, is_public=False)
    MeetingFactory(organiser=other, is_public=True, **soon(10))
    comment_request(other, is_public=True)

    response = client.get(calendar_url(committee))

    assert response.status_code == 200
    assert uids(response) == {
        f"meeting-{meeting.pk}@{SITE_HOST}",
        f"commentrequest-{deadline.pk}@{SITE_HOST}",
    }


def test_a_committee_calendar_is_named_and_filed_by_the_committee(client):
    committee = CommitteeFactory(name="电动车辆分技术委员会", short_name="电动车辆")

    response = client.get(calendar_url(committee))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="committee-{committee.pk}.ics"' in response["Content-Disposition"]
    name = Calendar.from_ical(response.content)["X-WR-CALNAME"]
    assert name == "电动车辆：会议与征求意见截止"


def test_a_committee_calendar_keeps_to_the_recent_and_coming_by_default(client):
    committee = CommitteeFactory()
    MeetingFactory(organiser=committee, is_public=True)  # June 2022
    comment_request(committee, is_public=True, **soon(-400))

    assert uids(client.get(calendar_url(committee))) == set()


def test_a_year_of_a_committee_calendar_holds_that_years_meetings_and_deadlines(client):
    committee = CommitteeFactory()
    meeting = MeetingFactory(organiser=committee, is_public=True)  # June 2022
    deadline = CommentRequestFactory(proposer=committee, is_public=True, standard__is_public=True)
    MeetingFactory(organiser=committee, is_public=True, **soon(10))

    response = client.get(calendar_url(committee), {"year": "2022"})

    assert uids(response) == {
        f"meeting-{meeting.pk}@{SITE_HOST}",
        f"commentrequest-{deadline.pk}@{SITE_HOST}",
    }
    assert f'filename="committee-{committee.pk}-2022.ics"' in response["Content-Disposition"]


def test_a_committee_calendar_refuses_a_year_that_is_not_one(client):
    response = client.get(calendar_url(CommitteeFactory()), {"year": "2022; DROP TABLE"})

    assert response.status_code == 400


def test_an_unknown_committee_has_no_calendar(client):
    assert (
        client.get(reverse("meetings:committee-calendar", kwargs={"pk": 10**6})).status_code == 404
    )


def test_a_committee_calendar_reads_the_committee_and_its_two_kinds_of_event_in_three_queries(
    client, django_assert_num_queries
):
    committee = CommitteeFactory()
    for day in range(10):
        MeetingFactory(organiser=committee, is_public=True, **soon(day))
        comment_request(committee, is_public=True)

    with django_assert_num_queries(3):
        response = client.get(calendar_url(committee))

    assert len(uids(response)) == 20


def test_the_committee_page_links_its_calendar(client):
    committee = CommitteeFactory()

    page = client.get(committee.get_absolute_url()).text

    assert f'href="/committees/{committee.pk}/calendar.ics" type="text/calendar"' in page
    assert "订阅本机构的会议与征求意见截止日历（iCal）" in page
