"""表2–表4: comment requests, each with its standard."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from common.spreadsheets import (
    DateRangeField,
    TableResource,
    URLWidget,
    reads,
)

from ..models import CommentRequest, Standard
from .columns import committee_widget, level_from, level_widget, text


class CommentRequestResource(TableResource):
    """表2–表4: 标准名称、提出单位、意见征求期、意见回复至、网页链接地址.

    The standard is found by plan number (when the row has one) or by title; a standard not yet
    known is added with the row, its level from 层级, the plan number or the table.
    """

    # No unique fields; the check of the dates is repeated in clean(), and a standard new with a
    # row has a plan number no stored standard has (standards are found by it).
    unique_is_key = True

    standard_title = text("标准名称", "standard_title")
    plan_number = text("计划号", "standard_plan_number")
    level = fields.Field(attribute="standard_level", column_name="层级", widget=level_widget())
    proposer = fields.Field(attribute="proposer", column_name="提出单位", widget=committee_widget())
    period = DateRangeField("意见征求期")
    reply_to = text("意见回复至", "reply_to")
    link = fields.Field(attribute="link", column_name="网页链接地址", widget=URLWidget())

    required_columns = ("标准名称", "提出单位", "意见征求期", "意见回复至")
    table_columns = ("序号", "标准名称", "提出单位", "意见征求期", "意见回复至", "网页链接地址")
    column_aliases = {
        "标准名称": ("项目名称", "Standard", "Title"),
        "计划号": ("Plan number",),
        "层级": ("标准层级", "Level"),
        "提出单位": ("Proposer",),
        "意见征求期": ("征求意见期", "Comment period"),
        "意见回复至": ("Reply to",),
        "网页链接地址": ("网页链接", "链接", "Link"),
    }

    class Meta(TableResource.Meta):
        model = CommentRequest
        fields = (
            "standard_title",
            "plan_number",
            "level",
            "proposer",
            "period",
            "reply_to",
            "link",
        )

    def identity(self, row):
        title = self.cell(row, "标准名称")
        return ("标准名称", (title, self.cell(row, "意见征求期"))) if title else None

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._standards = {}
        for standard in Standard.objects.order_by("pk"):
            self._remember(standard)

    def record_key(self, comment_request):
        return comment_request.standard_id, comment_request.start_date

    def row_key(self, row):
        standard = self._standard(row)
        if standard is None:
            return None
        try:
            start, _end = self.fields["period"].clean(row, **self.options)
        except (ValueError, TypeError):
            return None
        return standard.pk, start

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            self._link_standard(instance, row, kwargs.get("level"))

    def _link_standard(self, instance, row, table_level):
        """The row's standard, or a new one for it, so that it is never reported missing."""
        standard = self._standard(row)
        if standard is None:
            plan_number = getattr(instance, "standard_plan_number", "")
            standard = Standard(
                title=getattr(instance, "standard_title", ""),
                plan_number=plan_number,
                level=getattr(instance, "standard_level", "")
                or level_from(plan_number, table_level),
            )
        instance.standard = standard
        if not standard.level:
            raise ValidationError(
                {"standard_level": _("无法确定标准层级：请填写“层级”列，或导入时选择表2/表3/表4。")}
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        exclude = self.checked(errors)
        standard = getattr(instance, "standard", None)
        if standard is not None and standard.pk is None:
            # A standard new with this row is checked on its own; the request is linked to it
            # when both are saved.
            exclude.add("standard")
            reported = {"level"} if "standard_level" in errors else set()
            try:
                self.full_clean(standard, exclude=reported)
            except ValidationError as error:
                errors["standard_title"] = error.messages
        try:
            self.full_clean(instance, exclude, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.standard.pk is None:
            instance.standard.save()
            instance.standard_id = instance.standard.pk
            self._remember(instance.standard)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("standard", "proposer")

    def export_values(self, queryset):
        """The dehydrate methods' columns for a download (common.spreadsheets.value_columns)."""
        return {
            "standard_title": reads("standard__title"),
            "plan_number": reads("standard__plan_number"),
            "level": reads(
                "standard__level",
                render={level: str(code) for level, code in Standard.LEVEL_CODES.items()},
            ),
        }

    def dehydrate_standard_title(self, comment_request):
        return comment_request.standard.title

    def dehydrate_plan_number(self, comment_request):
        return comment_request.standard.plan_number

    def dehydrate_level(self, comment_request):
        return comment_request.standard.level_code

    def _standard(self, row):
        return self._standards.get(self.cell(row, "计划号") or ("", self.cell(row, "标准名称")))

    def _remember(self, standard):
        """A standard is found by its plan number, or by its title: the first of that title."""
        if standard.plan_number:
            self._standards.setdefault(standard.plan_number, standard)
        self._standards.setdefault(("", standard.title), standard)
