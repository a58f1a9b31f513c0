import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import format_dotted_range
from common.models import (
    DateRangeModel,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    VersionedModel,
)

from . import plan_numbers


class Committee(VersionedModel):
    """A technical committee, one of its sub-committees or groups, or an external body.

    External bodies (a ministry department, a UN WP.29 group) are here too because they
    propose standards and organise meetings just as committees do.
    """

    class Kind(models.TextChoices):
        TC = "tc", _("技术委员会")
        SC = "sc", _("分技术委员会")
        WORKING_GROUP = "working_group", _("工作组")
        STUDY_GROUP = "study_group", _("研究组")
        DRAFTING_GROUP = "drafting_group", _("起草组")
        EXTERNAL = "external", _("外部机构")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(
        _("简称"), max_length=100, blank=True, help_text=_("表格中显示的名称，如“电子与电磁兼容”。")
    )
    code = models.CharField(
        _("编号"), max_length=50, blank=True, help_text=_("如 SAC/TC114/SC29，没有可留空。")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("委员会或机构")
        verbose_name_plural = pgettext_lazy("plural", "委员会与机构")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="committee_code_unique_when_given"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("standards:committee-detail", kwargs={"pk": self.pk})

    @property
    def display_name(self):
        return self.short_name or self.name

    def ancestors(self):
        """The chain of parents, nearest first."""
        chain = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self):
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self in self.parent.ancestors())
        ):
            raise ValidationError({"parent": _("上级不能是本身或其下级。")})


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
        ordering = ["-plan_number", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_number"],
                condition=~Q(plan_number=""),
                name="standard_plan_number_unique_when_given",
            ),
        ]
        indexes = [
            models.Index(fields=["title"]),
            # The public list's default order, read a page at a time over the public rows only.
            models.Index(
                fields=["-plan_number", "title"],
                condition=Q(is_public=True),
                name="standard_public_list_order",
            ),
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

    def clean(self):
        if not self.plan_number:
            return
        parsed = plan_numbers.parse(self.plan_number)
        if parsed is None:
            return  # the field validator has already reported the format
        expected = self.LEVEL_OF_PLAN_KIND[parsed]
        if self.level and self.level != expected:
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
    end_date = models.DateField(_("审查结束日期"))
    note = models.CharField(_("备注"), max_length=300, blank=True)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(DateRangeModel.Meta):
        verbose_name = _("标准审查")
        verbose_name_plural = pgettext_lazy("plural", "标准审查")
        ordering = ["-start_date", "standard__plan_number"]

    def __str__(self):
        return f"{self.standard.title}（{self.dates_display}）"


EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


class CommentRequestQuerySet(PublishableQuerySet):
    def published(self):
        # Its page links the standard, which must be public too.
        return self.filter(is_public=True, standard__is_public=True)

    def open_on(self, day):
        return self.filter(start_date__lte=day, end_date__gte=day)

    def closed_on(self, day):
        return self.filter(end_date__lt=day)

    def upcoming_on(self, day):
        return self.filter(start_date__gt=day)

    def closing_within(self, days, day):
        """Open on `day` and closing no later than `days` days after it."""
        return self.open_on(day).filter(end_date__lte=day + timedelta(days=days))

    def in_state(self, state, day):
        """By the state a visitor or editor picks: open, closing (in 7 days), upcoming, closed."""
        match state:
            case "open":
                return self.open_on(day)
            case "closing":
                return self.closing_within(7, day)
            case "upcoming":
                return self.upcoming_on(day)
            case "closed":
                return self.closed_on(day)
        return self


class CommentRequest(TimestampedModel, PublishableModel, DateRangeModel, VersionedModel):
    """A draft standard open for public comment (征求意见) over a period."""

    # The states a list filters by; "closing" is open and due within 7 days.
    STATES = [
        ("open", _("征求意见中")),
        ("closing", _("7 天内截止")),
        ("upcoming", _("尚未开始")),
        ("closed", _("已截止")),
    ]

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("尚未开始")
        OPEN = "open", _("征求意见中")
        CLOSED = "closed", _("已截止")

    standard = models.ForeignKey(
        Standard, verbose_name=_("标准"), on_delete=models.CASCADE, related_name="comment_requests"
    )
    proposer = models.ForeignKey(
        Committee,
        verbose_name=_("提出单位"),
        on_delete=models.PROTECT,
        related_name="comment_requests",
    )
    start_date = models.DateField(_("征求意见开始日期"))
    end_date = models.DateField(_("征求意见截止日期"))
    reply_to = models.TextField(
        _("意见回复至"),
        help_text=_("照录通知原文，如“vehicle@miit.gov.cn，并抄送 a@catarc.ac.cn”；须含电子邮箱。"),
    )
    link = models.URLField(_("网页链接"), max_length=500, blank=True)

    objects = CommentRequestQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(DateRangeModel.Meta):
        verbose_name = _("征求意见")
        verbose_name_plural = pgettext_lazy("plural", "征求意见")
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["end_date"])]

    def __str__(self):
        return f"{self.standard.title}（{self.period_display}）"

    def get_absolute_url(self):
        return reverse("standards:commentrequest-detail", kwargs={"pk": self.pk})

    @property
    def period_display(self):
        return format_dotted_range(self.start_date, self.end_date)

    @property
    def reply_to_addresses(self):
        """The e-mail addresses in the reply-to text, in order, whatever separates them."""
        return EMAIL_ADDRESS.findall(self.reply_to or "")

    def status_on(self, day=None):
        day = day or timezone.localdate()
        if day < self.start_date:
            return self.Status.UPCOMING
        if day > self.end_date:
            return self.Status.CLOSED
        return self.Status.OPEN

    def status_label(self, day=None):
        """What a reader needs: "3 天后截止" while open, otherwise the state."""
        day = day or timezone.localdate()
        status = self.status_on(day)
        if status != self.Status.OPEN:
            return status.label
        days = self.days_remaining(day)
        if days == 0:
            return gettext("今天截止")
        return ngettext("%(days)d 天后截止", "%(days)d 天后截止", days) % {"days": days}

    def days_remaining(self, day=None):
        """Whole days left to comment after `day`: 0 on the last day, None once closed."""
        day = day or timezone.localdate()
        if day > self.end_date:
            return None
        return (self.end_date - day).days

    def make_public(self):
        self.standard.make_public()
        super().make_public()

    def clean(self):
        super().clean()
        if self.is_public and self.standard_id and not self.standard.is_public:
            raise ValidationError(
                {
                    "is_public": _(
                        "标准“%(title)s”尚未公开，请先公开该标准，或在列表中用“公开所选记录”一并公开。"
                    )
                    % {"title": self.standard.title}
                }
            )
        addresses = self.reply_to_addresses
        if self.reply_to and not addresses:
            raise ValidationError({"reply_to": _("“意见回复至”中没有找到电子邮箱地址。")})
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"reply_to": _("电子邮箱地址“%(address)s”无效。") % {"address": address}}
                ) from None
