"""iCalendar files of meetings and comment deadlines: current, public, one query each; a year
of history on request; UIDs on the site's configured host (committees' own calendars:
tests/meetings/test_calendars.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from standards.models import CommentRequest
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory

SITE_HOST = "bulletin.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    # Not the test client's host ("testserver"), so that a UID built on the request shows.
    settings.SITE_URL = f"https://{SITE_HOST}"


def events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def event_with_uid(response, uid):
    (event,) = [event for event in events(response) if str(event["UID"]) == uid]
    return event


def days_from_today(first, last=None):
    """start_date and end_date this many days from today (negative: in the past)."""
    today = timezone.localdate()
    return {
        "start_date": today + datetime.timedelta(days=first),
        "end_date": today + datetime.timedelta(days=first if last is None else last),
    }


def uids(response):
    return {str(event["UID"]) for event in events(response)}


def test_meeting_calendar_is_an_ics_file(client, db):
    response = client.get(reverse("meetings:meeting-calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="meetings.ics"' in response["Content-Disposition"]
    assert Calendar.from_ical(response.content)["X-WR-CALNAME"] == "会议日历"


def test_meeting_calendar_has_an_event_per_current_public_meeting(client, public_demo):
    current = [
        MeetingFactory(is_public=True, **days_from_today(-100, -99)),
        MeetingFactory(is_public=True, **days_from_today(-1, 1)),
        MeetingFactory(is_public=True, **days_from_today(60, 62)),
    ]

    response = client.get("/calendar/meetings.ics")

    # The demo's 14 public meetings, held in 2022, are long past.
    assert Meeting.objects.published().count() == 17
    assert uids(response) == {f"meeting-{meeting.pk}@{SITE_HOST}" for meeting in current}


def test_meeting_calendar_leaves_out_meetings_ended_more_than_a_year_ago(client, db):
    old = MeetingFactory(is_public=True, **days_from_today(-368, -366))
    year_ago = MeetingFactory(is_public=True, **days_from_today(-367, -365))

    listed = uids(client.get("/calendar/meetings.ics"))

    assert f"meeting-{old.pk}@{SITE_HOST}" not in listed
    assert f"meeting-{year_ago.pk}@{SITE_HOST}" in listed


def test_meeting_calendar_leaves_out_internal_meetings(client, db):
    public = MeetingFactory(is_public=True, **days_from_today(10))
    MeetingFactory(is_public=False, **days_from_today(10))

    assert uids(client.get("/calendar/meetings.ics")) == {f"meeting-{public.pk}@{SITE_HOST}"}


def test_meeting_calendar_reads_the_meetings_in_one_query(client, db, django_assert_num_queries):
    for day in range(20):
        MeetingFactory(is_public=True, **days_from_today(day))

    with django_assert_num_queries(1):
        response = client.get("/calendar/meetings.ics")

    assert len(events(response)) == 20


def test_a_meeting_is_an_all_day_event_ending_the_day_after_its_last_day(client, db):
    meeting = MeetingFactory(is_public=True, **days_from_today(20, 21))

    event = event_with_uid(
        client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@{SITE_HOST}"
    )

    assert event.start == meeting.start_date
    assert event.end == meeting.end_date + datetime.timedelta(days=1)


def test_a_meeting_event_names_the_meeting_and_links_its_page(client, db):
    meeting = MeetingFactory(
        is_public=True, title="电动汽车安全工作组会议", venue="国际博览中心", **days_from_today(5)
    )

    event = event_with_uid(
        client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@{SITE_HOST}"
    )

    assert event["SUMMARY"] == "电动汽车安全工作组会议"
    assert event["LOCATION"] == "苏州 国际博览中心"
    assert event["URL"] == f"http://testserver/meetings/{meeting.pk}/"


def test_an_online_meeting_without_a_place_is_located_online(client, db):
    meeting = MeetingFactory(
        is_public=True, mode=Meeting.Mode.ONLINE, city="", **days_from_today(5)
    )

    event = event_with_uid(
        client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@{SITE_HOST}"
    )

    assert event["LOCATION"] == "网络会议"


def test_comment_deadline_calendar_is_an_ics_file(client, db):
    response = client.get(reverse("standards:commentrequest-calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="comment-deadlines.ics"' in response["Content-Disposition"]
    assert Calendar.from_ical(response.content)["X-WR-CALNAME"] == "征求意见截止日历"


def test_comment_deadline_calendar_has_an_event_per_current_public_comment_request(
    client, public_demo
):
    current = [
        CommentRequestFactory(is_public=True, standard__is_public=True, **days_from_today(-90, -1)),
        CommentRequestFactory(is_public=True, standard__is_public=True, **days_from_today(-30, 30)),
        CommentRequestFactory(is_public=True, standard__is_public=True, **days_from_today(10, 70)),
    ]
    CommentRequestFactory(standard__is_public=True, **days_from_today(-30, 30))

    response = client.get("/calendar/comment-deadlines.ics")

    # The demo's 14 public comment requests closed in 2022.
    assert CommentRequest.objects.published().count() == 17
    assert uids(response) == {f"commentrequest-{item.pk}@{SITE_HOST}" for item in current}


def test_comment_deadline_calendar_leaves_out_deadlines_more_than_a_year_ago(client, db):
    old = CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-426, -366)
    )
    year_ago = CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-425, -365)
    )

    listed = uids(client.get("/calendar/comment-deadlines.ics"))

    assert f"commentrequest-{old.pk}@{SITE_HOST}" not in listed
    assert f"commentrequest-{year_ago.pk}@{SITE_HOST}" in listed


def test_comment_deadline_calendar_reads_the_requests_in_one_query(
    client, db, django_assert_num_queries
):
    for day in range(20):
        CommentRequestFactory(
            is_public=True, standard__is_public=True, **days_from_today(day - 30, day)
        )

    with django_assert_num_queries(1):
        response = client.get("/calendar/comment-deadlines.ics")

    assert len(events(response)) == 20


def test_a_deadline_is_an_all_day_event_on_the_last_day_to_comment(client, db):
    item = CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-30, 30)
    )

    response = client.get("/calendar/comment-deadlines.ics")

    event = event_with_uid(response, f"commentrequest-{item.pk}@{SITE_HOST}")
    assert event.start == item.end_date
    assert event.end == item.end_date + datetime.timedelta(days=1)


def test_a_deadline_event_names_the_standard_and_where_to_reply(client, db):
    item = CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        link="https://example.org/draft.pdf",
        **days_from_today(-30, 30),
    )

    response = client.get("/calendar/comment-deadlines.ics")

    event = event_with_uid(response, f"commentrequest-{item.pk}@{SITE_HOST}")
    assert event["SUMMARY"] == f"征求意见截止：{item.standard.title}"
    assert "vehicle@miit.gov.cn, someone@catarc.ac.cn" in event["DESCRIPTION"]
    assert "https://example.org/draft.pdf" in event["DESCRIPTION"]
    assert event["URL"] == f"http://testserver/comment-requests/{item.pk}/"


# The same UIDs whatever the address; a year of history on request ---------------------------


@pytest.mark.parametrize("url", ["/calendar/meetings.ics", "/calendar/comment-deadlines.ics"])
def test_uids_are_on_the_site_host_whatever_host_the_calendar_is_fetched_at(client, db, url):
    MeetingFactory(is_public=True, **days_from_today(5))
    CommentRequestFactory(is_public=True, standard__is_public=True, **days_from_today(-5, 5))

    here = client.get(url, headers={"host": "127.0.0.1:8100"})
    there = client.get(url, headers={"host": "localhost:8100"})

    assert len(uids(here)) == 1
    assert uids(here) == uids(there)
    assert all(uid.endswith(f"@{SITE_HOST}") for uid in uids(here))
    calendar_uids = {str(Calendar.from_ical(r.content)["UID"]) for r in (here, there)}
    assert len(calendar_uids) == 1
    assert calendar_uids.pop().endswith(f"@{SITE_HOST}")


def test_a_year_of_the_meeting_calendar_holds_that_years_meetings(client, public_demo):
    across_new_year = MeetingFactory(
        is_public=True,
        start_date=datetime.date(2021, 12, 30),
        end_date=datetime.date(2022, 1, 2),
    )
    MeetingFactory(is_public=True, **days_from_today(5))
    in_2022 = Meeting.objects.published().filter(start_date__year=2022)

    response = client.get("/calendar/meetings.ics", {"year": "2022"})

    assert in_2022.count() == 14  # the demo's, long out of the default calendar
    assert uids(response) == {f"meeting-{m.pk}@{SITE_HOST}" for m in in_2022} | {
        f"meeting-{across_new_year.pk}@{SITE_HOST}"
    }
    assert f"meeting-{across_new_year.pk}@{SITE_HOST}" in uids(
        client.get("/calendar/meetings.ics", {"year": "2021"})
    )


def test_a_year_of_the_meeting_calendar_is_named_and_filed_by_its_year(client, db):
    response = client.get("/calendar/meetings.ics", {"year": "2022"})

    assert 'filename="meetings-2022.ics"' in response["Content-Disposition"]
    assert Calendar.from_ical(response.content)["X-WR-CALNAME"] == "会议日历（2022年）"


def test_a_year_of_the_deadline_calendar_holds_the_deadlines_in_that_year(client, db):
    def closing(day):
        return CommentRequestFactory(
            is_public=True,
            standard__is_public=True,
            start_date=day - datetime.timedelta(days=60),
            end_date=day,
        )

    first, last = closing(datetime.date(2022, 1, 1)), closing(datetime.date(2022, 12, 31))
    closing(datetime.date(2021, 12, 31))
    closing(datetime.date(2023, 1, 1))  # its period began in 2022: not its deadline

    response = client.get("/calendar/comment-deadlines.ics", {"year": "2022"})

    assert uids(response) == {f"commentrequest-{item.pk}@{SITE_HOST}" for item in (first, last)}
    assert 'filename="comment-deadlines-2022.ics"' in response["Content-Disposition"]


def test_a_year_of_a_calendar_is_read_in_one_query(client, db, django_assert_num_queries):
    for day in range(20):
        MeetingFactory(is_public=True, start_date=datetime.date(2022, 3, 1 + day))

    with django_assert_num_queries(1):
        response = client.get("/calendar/meetings.ics", {"year": "2022"})

    assert len(events(response)) == 20


@pytest.mark.parametrize("url", ["/calendar/meetings.ics", "/calendar/comment-deadlines.ics"])
@pytest.mark.parametrize(
    "query",
    [
        "year=",
        "year=abc",
        "year=22",
        "year=20222",
        "year=99999999999999999999",
        "year=1899",
        "year=-2022",
        "year=2022.0",
        "year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%92",  # ２０２２, full-width digits
        "year=2022&year=2023",
    ],
)
def test_a_calendar_refuses_a_year_that_is_not_one(client, db, url, query):
    response = client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "?year=2022" in response.text
