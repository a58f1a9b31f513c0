"""Drafts open for public comment (征求意见) and the states a period puts them in."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.dates import format_dotted_range
from common.models import (
    ONE_DAY_HELP,
    DateRangeModel,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    VersionedModel,
)

from .committees import Committee
from .standards import Standard

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
    end_date = models.DateField(_("征求意见截止日期"), blank=True, help_text=ONE_DAY_HELP)
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
        indexes = [
            models.Index(fields=["end_date"]),
            # The public list's order (see CommentRequestListView).
            models.Index(
                fields=["is_public", "-end_date", "id"], name="commentrequest_public_order"
            ),
            # The list's choice of proposers: those with a public comment request.
            models.Index(fields=["is_public", "proposer"], name="commentrequest_public_proposer"),
        ]

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
