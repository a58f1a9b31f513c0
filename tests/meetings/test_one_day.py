"""A one-day meeting is entered with its day alone: the end, left empty, is the start."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.models import DateRangeModel
from common.spreadsheets import import_file
from meetings.models import Meeting
from meetings.resources import MeetingResource
from standards.models import CommentRequest, Committee, Review
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 7, 20)


def test_every_range_lets_its_end_be_left_empty():
    ranges = [model for model in apps.get_models() if issubclass(model, DateRangeModel)]

    assert {Meeting, CommentRequest, Review} <= set(ranges)
    for model in ranges:
        assert model._meta.get_field("end_date").blank, model.__name__


def test_a_meeting_saved_without_an_end_ends_on_its_start_day():
    meeting = MeetingFactory(start_date=DAY, end_date=None)

    meeting.refresh_from_db()
    assert meeting.end_date == DAY
    assert meeting.dates_display == "7月20日"


def test_a_meeting_cleaned_without_an_end_ends_on_its_start_day():
    meeting = MeetingFactory.build(start_date=DAY, end_date=None)

    meeting.full_clean(exclude=["organiser"])

    assert meeting.end_date == DAY


def test_a_meeting_that_ends_before_it_starts_is_still_refused():
    meeting = MeetingFactory.build(start_date=DAY, end_date=DAY - datetime.timedelta(days=1))

    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        meeting.full_clean(exclude=["organiser"])


@pytest.mark.parametrize("model", [Review, CommentRequest], ids=lambda model: model.__name__)
def test_other_ranges_without_an_end_last_their_start_day(demo, model):
    record = model.objects.order_by("pk").first()
    record.end_date = None

    record.full_clean()
    record.save()

    record.refresh_from_db()
    assert record.end_date == record.start_date


def test_a_one_day_meeting_is_added_in_the_admin_without_an_end(editor_client):
    organiser = Committee.objects.get(short_name="整车")
    data = {
        "title": "一天的会议",
        "organiser": organiser.pk,
        "start_date": "2022年7月20日",
        "end_date": "",
        "mode": "online",
        "participant_count_qualifier": "",
        "participant_unit": "people",
    }
    for prefix in ("sections", "photos", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    response = editor_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title="一天的会议")
    assert (meeting.start_date, meeting.end_date) == (DAY, DAY)


def test_a_one_day_meeting_imports_as_the_admin_saves_it(demo):
    content = "会议名称,组织单位,会议时间\n一天的会议,整车分技术委员会,2022年7月20日\n"

    report = import_file(MeetingResource(), content.encode(), "meetings.csv")

    assert report.errors == []
    meeting = Meeting.objects.get(title="一天的会议")
    assert (meeting.start_date, meeting.end_date) == (DAY, DAY)
