"""Standards and standard projects, and their reviews (审查)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.models import (
    ONE_DAY_HELP,
    DateRangeModel,
    PublishableModel,
    TimestampedModel,
    VersionedModel,
)

from .. import plan_numbers
from .committees import Committee


class Standard(TimestampedModel, PublishableModel, VersionedModel):
    """A standard or a standard project, from its plan number to its publication."""

    class Level(models.TextChoices):
        MANDATORY = "gb", _("强制性国家标准")
        RECOMMENDED = "gb_t", _("推荐性国家标准")
        GUIDANCE = "gb_z", _("国家标准化指导性技术文件")
        INDUSTRY = "qc_t", _("汽车行业标准")
        INTERNATIONAL = "intl", _("国际法规")

    class WorkType(models.TextChoices):
        NEW = "new", _("制定")
        REVISION = "revision", _("修订")

    class Stage(models.TextChoices):
        PRELIMINARY = "preliminary", _("预研")
        APPROVED = "approved", _("立项")
        DRAFTING = "drafting", _("起草")
        COMMENT = "comment", pgettext_lazy("stage", "征求意见")
        REVIEW = "review", _("审查")
        APPROVAL = "approval", _("报批")
        PUBLISHED = "published", _("发布")

    LEVEL_CODES = {
        Level.MANDATORY: "GB",
        Level.RECOMMENDED: "GB/T",
        Level.GUIDANCE: "GB/Z",
        Level.INDUSTRY: "QC/T",
        Level.INTERNATIONAL: _("国际"),
    }

    # The letter of a plan number tells the level it must have.
    LEVEL_OF_PLAN_KIND = {
        ("national", "Q"): Level.MANDATORY,
        ("national", "T"): Level.RECOMMENDED,
        ("national", "Z"): Level.GUIDANCE,
        ("industry", "T"): Level.INDUSTRY,
        ("industry", "Z"): Level.INDUSTRY,
    }

    plan_number = models.CharField(
        _("计划号"),
        max_length=32,
        blank=True,
        validators=[plan_numbers.validate_plan_number],
        help_text=plan_numbers.FORMAT_HELP,
    )
    number = models.CharField(
        _("标准号"),
        max_length=64,
        blank=True,
        help_text=_("如 GB 21670、GB/T 32960，发布前可留空。"),
    )
    title = models.CharField(_("标准名称"), max_length=300)
    english_title = models.CharField(_("英文名称"), max_length=300, blank=True)
    level = models.CharField(_("标准层级"), max_length=10, choices=Level.choices)
    work_type = models.CharField(
        _("制修订"), max_length=10, choices=WorkType.choices, default=WorkType.NEW
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("归口委员会"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standards",
    )
    stage = models.CharField(
        _("阶段"), max_length=20, choices=Stage.choices, default=Stage.PRELIMINARY
    )
    adopted_international = models.CharField(
        _("采用国际标准"), max_length=100, blank=True, help_text=_("如 ISO 14451，没有可留空。")
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("标准")
        verbose_name_plural = pgettext_lazy("plural", "标准")
        # The id last, so that pages never repeat or skip a standard of the same number and title.
        ordering = ["-plan_number", "title", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_number"],
                condition=~Q(plan_number=""),
                name="standard_plan_number_unique_when_given",
            ),
        ]
        indexes = [
            models.Index(fields=["title"]),
            # The public list in its order, whole and by its usual filters: a page is read from
            # the index and a filter's count from the index alone. is_public leads rather than
            # being a partial index's condition: SQLite cannot use such an index for a query
            # whose is_public is a bound parameter, which it always is from Django.
            *(
                models.Index(
                    fields=["is_public", *filtered, "-plan_number", "title", "-id"],
                    name=f"standard_public_{name}",
                )
                for name, filtered in [
                    ("order", []),
                    ("level", ["level"]),
                    ("stage", ["stage"]),
                    ("committee", ["committee"]),
                ]
            ),
            # The admin's list, public and internal, in the same order.
            models.Index(fields=["-plan_number", "title", "-id"], name="standard_admin_order"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("standards:standard-detail", kwargs={"pk": self.pk})

    @property
    def field_display(self):
        """The field (领域) the bulletin's tables show: the responsible committee's short name."""
        return self.committee.display_name if self.committee else ""

    @property
    def level_code(self):
        """The prefix a reader knows the level by (GB, GB/T, QC/T)."""
        return self.LEVEL_CODES[self.level]

    @classmethod
    def level_of_plan_number(cls, plan_number):
        """The level a well-formed plan number's letter gives, or "" for any other text."""
        parsed = plan_numbers.parse(plan_number or "")
        return cls.LEVEL_OF_PLAN_KIND[parsed] if parsed else ""

    def clean(self):
        # Without a well-formed plan number there is nothing to check (the field validator
        # reports a malformed one).
        expected = self.level_of_plan_number(self.plan_number)
        if expected and self.level and self.level != expected:
            raise ValidationError(
                {
                    "plan_number": _(
                        "计划号 %(plan_number)s 属于“%(expected)s”，与所选层级“%(level)s”不一致。"
                    )
                    % {
                        "plan_number": self.plan_number,
                        "expected": expected.label,
                        "level": self.get_level_display(),
                    }
                }
            )


class ReviewQuerySet(models.QuerySet):
    def published(self):
        """A review is part of its standard's record and is public with it."""
        return self.filter(standard__is_public=True)


class Review(TimestampedModel, DateRangeModel):
    """A standard reviewed (审查) on given dates."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("标准"), on_delete=models.CASCADE, related_name="reviews"
    )
    start_date = models.DateField(_("审查开始日期"))
    end_date = models.DateField(_("审查结束日期"), blank=True, help_text=ONE_DAY_HELP)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(DateRangeModel.Meta):
        verbose_name = _("标准审查")
        verbose_name_plural = pgettext_lazy("plural", "标准审查")
        ordering = ["-start_date", "standard__plan_number"]

    def __str__(self):
        return f"{self.standard.title}（{self.dates_display}）"
