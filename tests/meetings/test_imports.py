"""Importing meetings from a spreadsheet: the bulletin's Chinese columns, errors by row, column and
value, and the public download importing back as it is."""

import datetime

import pytest

from common.spreadsheets import import_file
from meetings.models import Meeting
from meetings.resources import MeetingResource
from standards.models import Committee

HEADER = "会议名称,组织单位,会议时间,形式,城市,参会人数,人数说明,计数单位\n"
NEW_ROW = "电动商用车换电标准起草组第八次会议,整车分技术委员会,7月21-22日,现场会议,苏州,50,余,人\n"


def import_meetings(content, filename="meetings.csv", **options):
    return import_file(MeetingResource(**options), content, filename)


def snapshot():
    return {
        model: list(model.objects.order_by("pk").values_list()) for model in (Committee, Meeting)
    }


def messages(report):
    return [str(error) for error in report.errors]


def test_a_meeting_is_imported_from_the_bulletins_columns(demo):
    report = import_meetings((HEADER + NEW_ROW).encode("gbk"), year=2022)

    assert report.errors == []
    assert report.created == 1
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第八次会议")
    assert (
        meeting.organiser.name,
        meeting.start_date,
        meeting.end_date,
        meeting.mode,
        meeting.city,
        meeting.participant_count,
        meeting.participant_count_qualifier,
        meeting.participant_unit,
    ) == (
        "整车分技术委员会",
        datetime.date(2022, 7, 21),
        datetime.date(2022, 7, 22),
        "in_person",
        "苏州",
        50,
        "over",
        "people",
    )


@pytest.mark.parametrize(
    ("value", "bad", "message_start", "and_in_it"),
    [
        pytest.param(
            "7月21-22日",
            "七月下旬",
            "第 3 行，“会议时间”列（“七月下旬”）：无法识别日期“七月下旬”",
            "",
            id="bad-date",
        ),
        pytest.param(
            "整车分技术委员会",
            "整车分标委",
            "第 3 行，“组织单位”列（“整车分标委”）：找不到“整车分标委”",
            "相近的有：整车",
            id="unknown-organiser-with-its-close-matches",
        ),
    ],
)
def test_a_bad_value_is_reported_and_nothing_written(demo, value, bad, message_start, and_in_it):
    before = snapshot()
    bad_row = NEW_ROW.replace("第八次", "第九次").replace(value, bad)

    report = import_meetings((HEADER + NEW_ROW + bad_row).encode(), year=2022)

    assert any(
        message.startswith(message_start) and and_in_it in message for message in messages(report)
    )
    assert snapshot() == before


def test_a_participant_count_that_is_not_a_number_is_refused_and_nothing_written(demo):
    before = snapshot()
    bad = NEW_ROW.replace("第八次", "第九次").replace(",50,", ",五十,")

    report = import_meetings((HEADER + NEW_ROW + bad).encode(), year=2022)

    assert [error.row for error in report.errors] == [3]
    assert snapshot() == before


def test_a_participant_count_that_is_not_a_number_is_reported_by_column_and_value(demo):
    bad = NEW_ROW.replace(",50,", ",五十,")

    report = import_meetings((HEADER + bad).encode(), year=2022)

    assert [(error.row, error.column, error.value) for error in report.errors] == [
        (2, "参会人数", "五十")
    ]


def test_a_duplicate_meeting_in_the_file_names_the_earlier_row_and_nothing_written(demo):
    before = snapshot()

    report = import_meetings((HEADER + NEW_ROW + NEW_ROW).encode(), year=2022)

    assert messages(report) == [
        "第 3 行，“会议名称”列（“电动商用车换电标准起草组第八次会议”）：与第 2 行重复。"
    ]
    assert snapshot() == before


def test_a_changed_meeting_is_updated_not_added(demo):
    meeting = Meeting.objects.get(title="电动商用车换电标准起草组第七次会议")
    count = Meeting.objects.count()
    content = f"会议名称,组织单位,会议时间,城市\n{meeting.title},{meeting.organiser.name},"
    content += f"{meeting.start_date:%Y.%m.%d}-{meeting.end_date:%Y.%m.%d},无锡\n"

    report = import_meetings(content.encode())

    assert (report.created, report.updated) == (0, 1)
    assert Meeting.objects.get(pk=meeting.pk).city == "无锡"
    assert Meeting.objects.count() == count
