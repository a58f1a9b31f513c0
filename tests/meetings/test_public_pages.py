"""The public meetings: list with filters, detail with sections and related standards."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.templatetags.meetings import meetings_about
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.standards.factories import ReviewFactory, StandardFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["object_list"])


def test_the_meetings_list_shows_the_public_meetings_newest_first(client, public_demo):
    MeetingFactory(title="内部筹备会", is_public=False)

    response = client.get(reverse("meetings:meeting-list"))

    listed = rows(response)
    assert response.context["total"] == 14
    assert "内部筹备会" not in response.text
    assert [meeting.start_date for meeting in listed] == sorted(
        (meeting.start_date for meeting in listed), reverse=True
    )


def test_meetings_filter_by_mode(client, public_demo):
    response = client.get(reverse("meetings:meeting-list"), {"mode": "online"})

    listed = rows(response)
    assert listed
    assert {meeting.mode for meeting in listed} == {Meeting.Mode.ONLINE}


def test_meetings_filter_by_year_and_month(client, public_demo):
    MeetingFactory(
        is_public=True, start_date=datetime.date(2023, 3, 2), end_date=datetime.date(2023, 3, 2)
    )

    response = client.get(reverse("meetings:meeting-list"), {"year": "2023", "month": "3"})

    assert [meeting.start_date for meeting in rows(response)] == [datetime.date(2023, 3, 2)]


def test_meetings_filter_by_organiser_and_search(client, public_demo):
    meeting = Meeting.objects.get(title__startswith="汽车安全气囊")

    response = client.get(
        reverse("meetings:meeting-list"), {"organiser": meeting.organiser_id, "q": "气囊"}
    )

    assert rows(response) == [meeting]


def test_an_invalid_month_is_an_error(client, public_demo):
    response = client.get(reverse("meetings:meeting-list"), {"month": "13"})

    assert response.context["filter"].errors
    assert rows(response) == []


def test_the_meeting_page_has_its_sections_and_standards(client, public_demo):
    meeting = Meeting.objects.get(title__startswith="汽车安全气囊")
    standard = meeting.related_standards.get()

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    assert "会议内容" in response.text
    assert "60 余人" in response.text
    assert standard.get_absolute_url() in response.text
    assert meeting.organiser.get_absolute_url() in response.text


def test_the_meeting_page_opens_with_the_sentence_its_facts_give(client, public_demo):
    meeting = Meeting.objects.get(title__startswith="电动商用车换电")

    response = client.get(meeting.get_absolute_url())

    opening = re.search(r'</h1>\s*<p class="summary">([^<]*)</p>', response.text)
    assert opening[1] == (
        "本次会议于 2022 年 6 月 21-22 日在苏州召开，来自商用车整车、动力电池、换电机构和连接器"
        "生产企业、检测机构等单位的 50 名专家代表参加了此次会议。"
    )


def test_the_meeting_page_opens_with_the_editors_sentence_in_chinese_on_the_english_page(
    client, db
):
    meeting = MeetingFactory(is_public=True, summary="本次会议如期召开。")

    response = client.get(f"/en{meeting.get_absolute_url()}")

    assert '<p class="summary" lang="zh-hans">本次会议如期召开。</p>' in response.text


def test_the_meeting_page_keeps_the_cleaned_markup_of_its_sections(client, db):
    section = MeetingSectionFactory(meeting__is_public=True, body="<ol><li>01 要点</li></ol>")

    response = client.get(section.meeting.get_absolute_url())

    assert "<ol><li>01 要点</li></ol>" in response.text


def test_an_internal_meeting_is_not_found(client, db):
    meeting = MeetingFactory(is_public=False)

    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_the_meeting_page_hides_internal_standards(client, db):
    meeting = MeetingFactory(is_public=True)
    meeting.related_standards.create(title="内部标准", level="gb_t")

    response = client.get(meeting.get_absolute_url())

    assert "内部标准" not in response.text


def test_the_meeting_page_links_the_published_issue_that_carries_it(client, public_demo):
    meeting = public_demo.meetings.first()

    response = client.get(meeting.get_absolute_url())

    assert public_demo.get_absolute_url() in response.text


def test_a_reviewed_standard_is_listed_once_on_the_meeting_page(client, public_demo):
    meeting = Meeting.objects.filter(reviews__isnull=False).distinct().get()
    standard = meeting.reviews.first().standard
    meeting.related_standards.add(standard)

    response = client.get(meeting.get_absolute_url())

    assert response.text.count(f'href="{standard.get_absolute_url()}"') == 1


def public_meeting_on(day):
    return MeetingFactory(is_public=True, start_date=day, end_date=day)


def test_the_meetings_about_a_standard_are_those_that_discussed_or_reviewed_it_once_each():
    review = ReviewFactory()
    standard = review.standard
    discussed = public_meeting_on(datetime.date(2022, 5, 1))
    discussed.related_standards.add(standard)
    reviewed = public_meeting_on(datetime.date(2022, 6, 1))
    reviewed.reviews.add(review)
    both = public_meeting_on(datetime.date(2022, 7, 1))
    both.related_standards.add(standard)
    both.reviews.add(review)
    MeetingFactory(is_public=False).related_standards.add(standard)
    public_meeting_on(datetime.date(2022, 8, 1)).related_standards.add(StandardFactory())

    assert list(meetings_about(standard)) == [both, reviewed, discussed]
