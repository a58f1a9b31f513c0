"""Spreadsheet columns of the standards records, shared by the admin and public exports."""

from import_export import fields
from import_export.widgets import ForeignKeyWidget

from common.spreadsheets import AllOrNothingResource

from .models import CommentRequest, Committee, Standard


class CommitteeResource(AllOrNothingResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ForeignKeyWidget(Committee, "name")
    )

    class Meta:
        model = Committee
        fields = ("name", "short_name", "code", "kind", "parent")
        import_id_fields = ("name",)


class StandardResource(AllOrNothingResource):
    committee = fields.Field(
        attribute="committee", column_name="committee", widget=ForeignKeyWidget(Committee, "name")
    )

    class Meta:
        model = Standard
        fields = (
            "plan_number",
            "number",
            "title",
            "english_title",
            "level",
            "work_type",
            "committee",
            "stage",
            "adopted_international",
        )
        import_id_fields = ("plan_number", "title")


class CommentRequestResource(AllOrNothingResource):
    standard = fields.Field(
        attribute="standard", column_name="standard", widget=ForeignKeyWidget(Standard, "title")
    )
    proposer = fields.Field(
        attribute="proposer", column_name="proposer", widget=ForeignKeyWidget(Committee, "name")
    )

    class Meta:
        model = CommentRequest
        fields = ("standard", "proposer", "start_date", "end_date", "reply_to", "link")
        import_id_fields = ("standard", "start_date")
