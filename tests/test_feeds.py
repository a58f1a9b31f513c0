"""RSS and Atom feeds of issues and comment requests; iCalendar files of meetings and deadlines."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from bulletin.models import IssueRevision
from meetings.models import Meeting
from standards.models import CommentRequest
from tests.bulletin.factories import IssueFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory

ATOM = "{http://www.w3.org/2005/Atom}"
STAND_IN_PDF = b"%PDF-1.7 stand-in"


def rss_items(response):
    return ET.fromstring(response.content).findall("channel/item")


def publish(issue, published_at=None):
    """A revision with stand-in files, as publishing leaves it."""
    revision = IssueRevision(
        issue=issue,
        number=issue.next_revision_number(),
        html_sha256="0" * 64,
        pdf_sha256="1" * 64,
        published_at=published_at or timezone.now(),
    )
    revision.html.save("issue.html", ContentFile(b"<html></html>"), save=False)
    revision.pdf.save("issue.pdf", ContentFile(STAND_IN_PDF), save=False)
    revision.save()
    return revision


def events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def event_with_uid(response, uid):
    (event,) = [event for event in events(response) if str(event["UID"]) == uid]
    return event


# Issues ------------------------------------------------------------------------------------


def test_issue_feed_lists_the_published_issue_by_its_month(client, public_demo):
    response = client.get(reverse("bulletin:issue-feed-rss"))

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in rss_items(response)] == ["2022年7月月报"]


def test_issue_feed_leaves_out_a_draft_issue(client, public_demo):
    IssueFactory(
        year=2022, month=8, number=8, coverage_start=None, coverage_end=None, recent_until=None
    )

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert "2022年8月月报" not in titles


def test_issue_feed_puts_the_newest_issue_first(client, public_demo):
    publish(
        IssueFactory(
            year=2022, month=8, number=8, coverage_start=None, coverage_end=None, recent_until=None
        )
    )

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert titles == ["2022年8月月报", "2022年7月月报"]


def test_issue_feed_item_links_the_issue_page(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert item.findtext("link") == "http://testserver/issues/2022/7/"


def test_issue_feed_item_describes_the_highlights(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert public_demo.highlight_list
    for highlight in public_demo.highlight_list:
        assert f"<li>{highlight}</li>" in item.findtext("description")


def test_issue_feed_item_encloses_the_pdf(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": "http://testserver/issues/2022/7/pdf/",
        "length": str(len(STAND_IN_PDF)),
        "type": "application/pdf",
    }


def test_issue_feed_item_is_dated_by_its_latest_revision(client, public_demo):
    corrected = datetime.datetime(2022, 7, 20, 9, 30, tzinfo=datetime.UTC)
    publish(public_demo, published_at=corrected)

    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert parsedate_to_datetime(item.findtext("pubDate")) == corrected


def test_issue_atom_feed_is_atom(client, public_demo):
    response = client.get(reverse("bulletin:issue-feed-atom"))

    root = ET.fromstring(response.content)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == [
        "2022年7月月报"
    ]


def test_issue_feed_is_empty_before_anything_is_published(client, demo):
    assert rss_items(client.get("/feeds/issues.rss")) == []


# Comment requests --------------------------------------------------------------------------


def test_comment_request_feed_lists_every_public_comment_request(client, public_demo):
    expected = {
        f"http://testserver{item.get_absolute_url()}" for item in CommentRequest.objects.published()
    }

    response = client.get(reverse("standards:commentrequest-feed-rss"))

    assert len(expected) == 14
    assert {item.findtext("link") for item in rss_items(response)} == expected


def test_comment_request_feed_leaves_out_an_internal_comment_request(client, public_demo):
    internal = CommentRequestFactory(standard__is_public=True)

    links = [item.findtext("link") for item in rss_items(client.get("/feeds/comment-requests.rss"))]

    assert f"http://testserver{internal.get_absolute_url()}" not in links


def test_comment_request_feed_leaves_out_one_whose_standard_is_internal(client, public_demo):
    hidden = CommentRequestFactory(is_public=True, standard__is_public=False)

    links = [item.findtext("link") for item in rss_items(client.get("/feeds/comment-requests.rss"))]

    assert f"http://testserver{hidden.get_absolute_url()}" not in links


def test_comment_request_feed_puts_the_latest_start_first(client, public_demo):
    CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        standard__title="最新征求意见的标准",
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2030, 3, 1),
    )

    items = rss_items(client.get("/feeds/comment-requests.rss"))

    assert items[0].findtext("title") == "最新征求意见的标准"


def test_comment_request_feed_item_tells_proposer_period_reply_to_and_link(client, db):
    item = CommentRequestFactory(
        is_public=True, standard__is_public=True, link="https://example.org/draft.pdf"
    )

    (entry,) = rss_items(client.get("/feeds/comment-requests.rss"))

    description = entry.findtext("description")
    assert entry.findtext("title") == item.standard.title
    assert "工业和信息化部装备工业一司" in description
    assert "2022.06.17-2022.08.17" in description
    assert "vehicle@miit.gov.cn" in description
    assert 'href="https://example.org/draft.pdf"' in description


def test_comment_request_feed_reads_the_records_in_a_fixed_number_of_queries(
    client, public_demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        client.get("/feeds/comment-requests.rss")


def test_comment_request_atom_feed_is_atom(client, public_demo):
    response = client.get(reverse("standards:commentrequest-feed-atom"))

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert len(root.findall(f"{ATOM}entry")) == 14


# English -----------------------------------------------------------------------------------


@pytest.fixture
def english_client(client):
    """A client for /en/ URLs; its requests leave English active, so restore the language after."""
    with translation.override(translation.get_language()):
        yield client


def test_english_issue_feed_links_the_english_site(english_client, public_demo):
    response = english_client.get("/en/feeds/issues.rss")

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/issues/"


def test_english_comment_request_feed_links_english_pages(english_client, public_demo):
    links = [
        item.findtext("link")
        for item in rss_items(english_client.get("/en/feeds/comment-requests.rss"))
    ]

    assert len(links) == 14
    assert all(link.startswith("http://testserver/en/comment-requests/") for link in links)


# Links on the pages ------------------------------------------------------------------------


def test_every_page_announces_the_feeds_in_its_head(client, public_demo):
    head = client.get(reverse("bulletin:home")).content.decode().split("</head>")[0]

    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/feeds/issues.atom"' in head
    assert 'href="/feeds/comment-requests.rss"' in head


def test_the_footer_links_the_calendars(client, public_demo):
    footer = client.get(reverse("bulletin:home")).content.decode().split("<footer")[1]

    assert 'href="/calendar/meetings.ics"' in footer
    assert 'href="/calendar/comment-deadlines.ics"' in footer
    assert "征求意见截止日历（iCal）" in footer


# Calendars ---------------------------------------------------------------------------------


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
    assert uids(response) == {f"meeting-{meeting.pk}@testserver" for meeting in current}


def test_meeting_calendar_leaves_out_meetings_ended_more_than_a_year_ago(client, db):
    old = MeetingFactory(is_public=True, **days_from_today(-368, -366))
    year_ago = MeetingFactory(is_public=True, **days_from_today(-367, -365))

    listed = uids(client.get("/calendar/meetings.ics"))

    assert f"meeting-{old.pk}@testserver" not in listed
    assert f"meeting-{year_ago.pk}@testserver" in listed


def test_meeting_calendar_leaves_out_internal_meetings(client, db):
    public = MeetingFactory(is_public=True, **days_from_today(10))
    MeetingFactory(is_public=False, **days_from_today(10))

    assert uids(client.get("/calendar/meetings.ics")) == {f"meeting-{public.pk}@testserver"}


def test_meeting_calendar_reads_the_meetings_in_one_query(client, db, django_assert_num_queries):
    for day in range(20):
        MeetingFactory(is_public=True, **days_from_today(day))

    with django_assert_num_queries(1):
        response = client.get("/calendar/meetings.ics")

    assert len(events(response)) == 20


def test_a_meeting_is_an_all_day_event_ending_the_day_after_its_last_day(client, db):
    meeting = MeetingFactory(is_public=True, **days_from_today(20, 21))

    event = event_with_uid(client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@testserver")

    assert event.start == meeting.start_date
    assert event.end == meeting.end_date + datetime.timedelta(days=1)


def test_a_meeting_event_names_the_meeting_and_links_its_page(client, db):
    meeting = MeetingFactory(
        is_public=True, title="电动汽车安全工作组会议", venue="国际博览中心", **days_from_today(5)
    )

    event = event_with_uid(client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@testserver")

    assert event["SUMMARY"] == "电动汽车安全工作组会议"
    assert event["LOCATION"] == "苏州 国际博览中心"
    assert event["URL"] == f"http://testserver/meetings/{meeting.pk}/"


def test_an_online_meeting_without_a_place_is_located_online(client, db):
    meeting = MeetingFactory(
        is_public=True, mode=Meeting.Mode.ONLINE, city="", **days_from_today(5)
    )

    event = event_with_uid(client.get("/calendar/meetings.ics"), f"meeting-{meeting.pk}@testserver")

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
    assert uids(response) == {f"commentrequest-{item.pk}@testserver" for item in current}


def test_comment_deadline_calendar_leaves_out_deadlines_more_than_a_year_ago(client, db):
    old = CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-426, -366)
    )
    year_ago = CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-425, -365)
    )

    listed = uids(client.get("/calendar/comment-deadlines.ics"))

    assert f"commentrequest-{old.pk}@testserver" not in listed
    assert f"commentrequest-{year_ago.pk}@testserver" in listed


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

    event = event_with_uid(response, f"commentrequest-{item.pk}@testserver")
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

    event = event_with_uid(response, f"commentrequest-{item.pk}@testserver")
    assert event["SUMMARY"] == f"征求意见截止：{item.standard.title}"
    assert "vehicle@miit.gov.cn, someone@catarc.ac.cn" in event["DESCRIPTION"]
    assert "https://example.org/draft.pdf" in event["DESCRIPTION"]
    assert event["URL"] == f"http://testserver/comment-requests/{item.pk}/"
