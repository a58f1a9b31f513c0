"""表1: the standards and their review dates."""

import functools

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from import_export import fields

from common.spreadsheets import (
    ChoiceWidget,
    DateRangeField,
    TableResource,
    reads,
)
from common.spreadsheets.columns import CHUNK_SIZE
from common.spreadsheets.fetching import value_chunks
from common.spreadsheets.writing import create_with_history

from ..models import Review, Standard
from .columns import committee_widget, level_from, level_widget, text


class StandardResource(TableResource):
    """表1 (计划号、项目名称、制修订、领域、审查时间) and every other field of a standard.

    The level comes from the 层级 column, else from the plan number, else from the table the
    import was told it is (表2/表3/表4). 审查时间 adds the review, once.
    """

    # Rows are found by plan number, the field that must be unique.
    unique_is_key = True
    # {standard id: {(start, end), ...}} of the stored reviews, while importing.
    _reviews = None

    plan_number = text("计划号", "plan_number")
    number = text("标准号", "number")
    title = text("项目名称", "title")
    english_title = text("英文名称", "english_title")
    level = fields.Field(attribute="level", column_name="层级", widget=level_widget())
    work_type = fields.Field(
        attribute="work_type",
        column_name="制修订",
        widget=ChoiceWidget(Standard.WorkType.choices),
    )
    committee = fields.Field(attribute="committee", column_name="领域", widget=committee_widget())
    stage = fields.Field(
        attribute="stage", column_name="阶段", widget=ChoiceWidget(Standard.Stage.choices)
    )
    adopted_international = text("采用国际标准", "adopted_international")
    review_dates = DateRangeField("审查时间", start="review_start", end="review_end")

    required_columns = ("项目名称",)
    table_columns = ("序号", "计划号", "项目名称", "制修订", "领域", "审查时间")
    column_aliases = {
        "计划号": ("Plan number",),
        "标准号": ("Standard number",),
        "项目名称": ("标准名称", "名称", "Title"),
        "层级": ("标准层级", "Level"),
        "制修订": ("Work type",),
        "领域": ("归口委员会", "委员会", "Committee"),
        "阶段": ("Stage",),
        "审查时间": ("审查日期", "Review dates"),
    }

    class Meta(TableResource.Meta):
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
            "review_dates",
        )

    def identity(self, row):
        if plan_number := self.cell(row, "计划号"):
            return ("计划号", plan_number)
        if title := self.cell(row, "项目名称"):
            return ("项目名称", title)
        return None

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._reviews = {}
        for standard_id, *dates in Review.objects.values_list(
            "standard_id", "start_date", "end_date"
        ):
            self._reviews.setdefault(standard_id, set()).add(tuple(dates))

    def record_key(self, standard):
        """The standard of a plan number, or of its title when it has none."""
        return standard.plan_number or ("", standard.title)

    def row_key(self, row):
        return self.cell(row, "计划号") or ("", self.cell(row, "项目名称"))

    def import_instance(self, instance, row, **kwargs):
        instance.review_start = instance.review_end = None
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Even when another column failed, so that the level is not reported missing too.
            if not instance.level:
                instance.level = level_from(instance.plan_number, kwargs.get("level"))
        if not instance.level:
            raise ValidationError(
                {"level": _("无法确定标准层级：请填写“层级”列，或导入时选择表2/表3/表4。")}
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict({})
            if "plan_number" in errors:
                errors.pop("level", None)  # the level comes from the plan number, reported already
            raise ValidationError(errors) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if getattr(instance, "review_start", None) and not self._has_review(instance):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_batch(self, standards):
        reviews = [
            Review(
                standard=standard, start_date=standard.review_start, end_date=standard.review_end
            )
            for standard in standards
            if standard.review_start and not self._has_review(standard)
        ]
        create_with_history(reviews)
        for review in reviews:
            self._reviews.setdefault(review.standard_id, set()).add(
                (review.start_date, review.end_date)
            )

    def filter_export(self, queryset, **kwargs):
        """Each standard with its committee and its latest review's dates, in the one query."""
        latest = latest_reviews(OuterRef("pk"))
        return queryset.select_related("committee").annotate(
            latest_review_start=Subquery(latest.values("start_date")[:1]),
            latest_review_end=Subquery(latest.values("end_date")[:1]),
        )

    def export_values(self, queryset):
        """dehydrate_review_dates's column for a download (common.spreadsheets.value_columns):
        the reviews of all `queryset`'s standards in one query, where filter_export's
        annotations would cost two subqueries a row."""
        # Many standards are reviewed on the same days: each pair of dates is formatted once.
        render = functools.cache(self.fields["review_dates"].widget.render)
        latest = {
            standard: render(days) for standard, days in latest_review_dates(queryset).items()
        }
        return {"review_dates": reads("pk", render=latest)}

    def dehydrate_review_dates(self, standard):
        """The row's review on an import, else the latest stored one."""
        if getattr(standard, "review_start", None):
            dates = standard.review_start, standard.review_end
        elif standard.pk is None:
            dates = None
        elif self._reviews is not None:
            dates = max(self._reviews.get(standard.pk, ()), default=None)
        elif hasattr(standard, "latest_review_start"):  # annotated by filter_export
            dates = standard.latest_review_start, standard.latest_review_end
        else:
            review = latest_reviews(standard).first()
            dates = (review.start_date, review.end_date) if review else None
        return self.fields["review_dates"].widget.render(dates)

    def _has_review(self, standard):
        dates = standard.review_start, standard.review_end
        return dates in self._reviews.get(standard.pk, ())


def latest_reviews(standard):
    """A standard's reviews, the last to start first (on the same day, the first recorded)."""
    return Review.objects.filter(standard=standard).order_by("-start_date", "pk")


def latest_review_dates(standards):
    """{standard id: (start, end) of its latest review} for the standards of a queryset (one
    filtered by the standards' own fields, as the list's filters are)."""
    # The standards joined to their reviews: SQLite answered Review.objects.filter(standard__in=
    # standards) by probing the reviews' index once per standard, 40,000 probes for a filtered
    # download (10 ms more than the join, of 30).
    reviews = standards.filter(reviews__isnull=False).values_list(
        "pk", "reviews__start_date", "reviews__end_date"
    )
    # In latest_reviews' order reversed, so that a standard's last pair is its latest review.
    reviews = reviews.order_by("reviews__start_date", "-reviews__pk")
    # Read as the cursor gives them, a day converted once (common.spreadsheets.fetching).
    latest = {}
    for standard, start, end in value_chunks(reviews, CHUNK_SIZE):
        latest.update(zip(standard, zip(start, end, strict=True), strict=True))
    return latest
