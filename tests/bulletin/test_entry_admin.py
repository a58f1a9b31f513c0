"""The issue's entries on its admin page: whole titles, and an entry added by hand goes last."""

import re

import pytest
from django.urls import reverse

from bulletin.models import Issue, IssueMeeting
from tests.admin_pages import change_form_data
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = "全国汽车标准化技术委员会电动车辆分技术委员会电动汽车安全要求标准起草组第三次工作会议"


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


def change_url(issue):
    return reverse("admin:bulletin_issue_change", args=[issue.pk])


def add_meeting_row(data, meeting, order=""):
    """The change page's data with one more meeting row, as the 添加 link makes it."""
    prefix = "issuemeeting_set"
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = row + 1
    data.update({f"{prefix}-{row}-meeting": meeting.pk, f"{prefix}-{row}-order": order})
    return data


def meetings_in_order(issue):
    return [entry.meeting for entry in IssueMeeting.objects.filter(issue=issue)]


def test_a_chosen_entry_shows_its_whole_title_as_text(editor_client, issue):
    meeting = issue.meetings.order_by("pk").first()
    meeting.title = LONG_TITLE
    meeting.save()

    page = editor_client.get(change_url(issue)).text

    assert f'<span class="entry-title">{LONG_TITLE}</span>' in page
    # no select box cuts it off: the existing rows keep their record as a hidden value
    rows = re.findall(r'<select name="issuemeeting_set-(\d+)-meeting"', page)
    assert rows == []


def test_a_new_row_still_offers_the_record_search(editor_client, issue):
    page = editor_client.get(change_url(issue)).text

    assert '<select name="issuemeeting_set-__prefix__-meeting"' in page


def test_the_whole_title_is_kept_once_the_issue_is_in_review(editor_client, issue):
    meeting = issue.meetings.order_by("pk").first()
    meeting.title = LONG_TITLE
    meeting.save()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.IN_REVIEW)

    assert LONG_TITLE in editor_client.get(change_url(issue)).text


def test_an_entry_added_by_hand_without_a_place_goes_last(editor_client, issue):
    added = MeetingFactory(start_date="2022-05-20", end_date="2022-05-20")
    last = max(IssueMeeting.objects.filter(issue=issue).values_list("order", flat=True))
    data = add_meeting_row(change_form_data(editor_client.get(change_url(issue))), added)

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 302
    entry = IssueMeeting.objects.get(issue=issue, meeting=added)
    assert entry.order == last + 10
    assert meetings_in_order(issue)[-1] == added


def test_an_entry_added_by_hand_with_a_place_keeps_it(editor_client, issue):
    added = MeetingFactory(start_date="2022-05-20", end_date="2022-05-20")
    data = add_meeting_row(change_form_data(editor_client.get(change_url(issue))), added, 1)

    editor_client.post(change_url(issue), data)

    assert meetings_in_order(issue)[0] == added


def test_the_place_box_of_a_new_row_is_empty(editor_client, issue):
    page = editor_client.get(change_url(issue)).text

    box = re.search(r'<input[^>]*name="issuemeeting_set-__prefix__-order"[^>]*>', page).group()
    assert "value=" not in box


@pytest.mark.parametrize(
    ("changelist", "newest"),
    [
        ("meetings_meeting", lambda m: (m.start_date, m.pk)),
        ("standards_commentrequest", lambda c: (c.start_date, c.pk)),
        ("standards_review", lambda r: r.start_date),
        ("bulletin_newsitem", lambda n: (n.date is not None, n.date or n.created_at.date())),
        ("bulletin_issue", lambda i: (i.year, i.month)),
    ],
)
def test_the_lists_editors_work_in_start_with_the_newest(editor_client, changelist, newest):
    Issue.objects.create(year=2022, month=8, number=8)
    MeetingFactory(start_date="2022-08-02", end_date="2022-08-02")

    response = editor_client.get(reverse(f"admin:{changelist}_changelist"))

    shown = list(response.context["cl"].result_list)
    assert shown[0] == max(shown, key=newest)
