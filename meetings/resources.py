"""Meetings' spreadsheet columns, shared by the admin's import and export and public downloads."""

from import_export import fields

from common.spreadsheets import (
    ChoiceWidget,
    DateRangeField,
    IntegerWidget,
    NameWidget,
    TableResource,
    TextWidget,
)
from standards.models import Committee

from .models import Meeting


def text(column, attribute):
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


class MeetingResource(TableResource):
    title = text("会议名称", "title")
    organiser = fields.Field(
        attribute="organiser",
        column_name="组织单位",
        widget=NameWidget(Committee, ["name", "short_name", "code"]),
    )
    dates = DateRangeField("会议时间")
    mode = fields.Field(
        attribute="mode", column_name="形式", widget=ChoiceWidget(Meeting.Mode.choices)
    )
    city = text("城市", "city")
    venue = text("地点", "venue")
    participant_count = fields.Field(
        attribute="participant_count",
        column_name="参会人数",
        widget=IntegerWidget(),
    )
    participant_count_qualifier = fields.Field(
        attribute="participant_count_qualifier",
        column_name="人数说明",
        widget=ChoiceWidget(Meeting.CountQualifier.choices, {"余": "over", "近": "nearly"}),
    )
    participant_unit = fields.Field(
        attribute="participant_unit",
        column_name="计数单位",
        widget=ChoiceWidget(Meeting.ParticipantUnit.choices),
    )
    participant_role = fields.Field(
        attribute="participant_role",
        column_name="参会人员",
        widget=ChoiceWidget(Meeting.ParticipantRole.choices),
    )
    attendees = text("参会单位", "attendees")
    summary = text("会议概况", "summary")

    # No unique fields; the check of the dates is repeated in clean().
    unique_is_key = True
    required_columns = ("会议名称", "组织单位", "会议时间")
    column_aliases = {
        "会议名称": ("名称", "Title"),
        "组织单位": ("主办单位", "Organiser"),
        "会议时间": ("会议日期", "日期", "Dates"),
        "形式": ("会议形式", "Mode"),
    }

    class Meta(TableResource.Meta):
        model = Meeting
        fields = (
            "title",
            "organiser",
            "dates",
            "mode",
            "city",
            "venue",
            "participant_count",
            "participant_count_qualifier",
            "participant_unit",
            "participant_role",
            "attendees",
            "summary",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organiser")

    def identity(self, row):
        title = self.cell(row, "会议名称")
        return ("会议名称", (title, self.cell(row, "会议时间"))) if title else None

    def record_key(self, meeting):
        return meeting.title, meeting.start_date

    def row_key(self, row):
        try:
            start, _end = self.fields["dates"].clean(row, **self.options)
        except (ValueError, TypeError):
            return None
        return self.cell(row, "会议名称"), start
