"""Committees and sub-committees as a table."""

from import_export import fields

from common.spreadsheets import (
    ChoiceWidget,
    TableResource,
)

from ..models import Committee
from .columns import committee_widget, text


class CommitteeResource(TableResource):
    name = text("名称", "name")
    short_name = text("简称", "short_name")
    code = text("编号", "code")
    kind = fields.Field(
        attribute="kind", column_name="类别", widget=ChoiceWidget(Committee.Kind.choices)
    )
    parent = fields.Field(attribute="parent", column_name="上级", widget=committee_widget())

    required_columns = ("名称", "类别")
    column_aliases = {"名称": ("Name",), "简称": ("Short name",), "上级": ("Parent",)}

    class Meta(TableResource.Meta):
        model = Committee
        fields = ("name", "short_name", "code", "kind", "parent")
        import_id_fields = ("name",)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent")

    def identity(self, row):
        return ("名称", self.cell(row, "名称")) if self.cell(row, "名称") else None

    def record_key(self, committee):
        return committee.name

    def row_key(self, row):
        return self.fields["name"].clean(row) or None
