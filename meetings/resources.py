"""Spreadsheet columns of meetings, shared by the admin and public exports."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget

from common.spreadsheets import AllOrNothingResource
from standards.models import Committee

from .models import Meeting


class MeetingResource(AllOrNothingResource):
    organiser = fields.Field(
        attribute="organiser", column_name="organiser", widget=ForeignKeyWidget(Committee, "name")
    )

    class Meta:
        model = Meeting
        fields = (
            "title",
            "organiser",
            "start_date",
            "end_date",
            "mode",
            "city",
            "venue",
            "participant_count",
            "participant_count_qualifier",
            "participant_unit",
            "attendees",
            "summary",
        )
        import_id_fields = ("title", "start_date")
