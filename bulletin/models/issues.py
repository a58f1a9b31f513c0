"""The monthly issue: its window, its chosen and ordered entries, and its status."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.dates import last_day_of_month, previous_month
from common.models import TimestampedModel, VersionedModel
from meetings.models import Meeting
from standards.models import CommentRequest, Review

from .news import NewsItem
from .publishing import IssueRevision


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Issues with a published revision; one under correction keeps showing its last one."""
        return self.filter(models.Exists(IssueRevision.objects.filter(issue=models.OuterRef("pk"))))

    def mentioning(self, standard):
        """Issues that report the standard: reviewed, open for comment or discussed at a meeting."""
        # One subquery of entries per path: OR-ing the four joins and DISTINCT made PostgreSQL
        # join every issue with every entry, seconds per page over 100,000 standards.
        entries = [
            IssueReview.objects.filter(review__standard=standard),
            IssueCommentRequest.objects.filter(comment_request__standard=standard),
            IssueMeeting.objects.filter(meeting__related_standards=standard),
            IssueMeeting.objects.filter(meeting__reviews__standard=standard),
        ]
        condition = models.Q()
        for chosen in entries:
            condition |= models.Q(pk__in=chosen.values("issue"))
        return self.filter(condition)


class Issue(TimestampedModel, VersionedModel):
    """One monthly bulletin (月报).

    Its coverage window decides which records "draft from records" offers: reviews and meetings
    held from coverage_start to coverage_end, and comment requests and news up to recent_until (the
    July 2022 issue reports June's meetings, and comment requests opened up to 13 July, the day it
    was drafted). Those recent records start where the previous issue's stopped (recent_start), so
    the August issue offers what came after 13 July, not July's again.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("待审核")
        APPROVED = "approved", _("已批准")
        PUBLISHED = "published", _("已发布")

    year = models.PositiveSmallIntegerField(
        _("年"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("月"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    number = models.PositiveSmallIntegerField(_("期号"), help_text=_("当年第几期。"))
    highlights = models.TextField(
        _("主要内容"), blank=True, help_text=_("封面“主要内容”，每行一条。")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    coverage_start = models.DateField(
        _("覆盖期开始"), null=True, blank=True, help_text=_("留空则为上一个自然月的第一天。")
    )
    coverage_end = models.DateField(
        _("覆盖期结束"),
        null=True,
        blank=True,
        help_text=_("审查与会议收录至此日；留空则为上一个自然月的最后一天。"),
    )
    recent_until = models.DateField(
        _("征求意见与资讯截至"),
        null=True,
        blank=True,
        help_text=_("征求意见与行业资讯收录至此日；留空则为起草当天。"),
    )
    reviews = models.ManyToManyField(
        Review, through="IssueReview", related_name="issues", verbose_name=_("标准审查")
    )
    comment_requests = models.ManyToManyField(
        CommentRequest,
        through="IssueCommentRequest",
        related_name="issues",
        verbose_name=_("征求意见"),
    )
    meetings = models.ManyToManyField(
        Meeting, through="IssueMeeting", related_name="issues", verbose_name=_("会议")
    )
    news = models.ManyToManyField(
        NewsItem, through="IssueNewsItem", related_name="issues", verbose_name=_("行业资讯")
    )
    # Every record "draft from records" has offered, by kind: a rerun offers only new ones, so an
    # entry the editor removed stays out.
    offered = models.JSONField(default=dict, editable=False)
    # Who submitted it for review (four eyes: not its approver) and what the approver saw
    # (bulletin.services.approval): publishing refuses when the records print otherwise since.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_content = models.JSONField(default=dict, editable=False)

    objects = IssueQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["offered", "version", "submitted_by", "approved_content"]
    )

    class Meta:
        verbose_name = pgettext_lazy("one issue", "月报")
        verbose_name_plural = pgettext_lazy("plural", "月报")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_issue_per_month"),
            models.CheckConstraint(
                condition=models.Q(coverage_end__gte=F("coverage_start"))
                & models.Q(recent_until__gte=F("coverage_end")),
                name="issue_window_in_order",
            ),
        ]
        permissions = [
            ("approve_issue", _("可审核批准月报")),
            ("publish_issue", _("可发布月报")),
        ]

    def __str__(self):
        return f"{self.year}/{self.month:02d}"

    def get_absolute_url(self):
        return reverse("bulletin:issue", kwargs={"year": self.year, "month": self.month})

    @property
    def title(self):
        """ "2022年7月月报", or "July 2022 bulletin" in English."""
        month = date_format(datetime.date(self.year, self.month, 1), "YEAR_MONTH_FORMAT")
        return _("%(month)s月报") % {"month": month}

    @property
    def slug(self):
        return f"{self.year}-{self.month:02d}"

    @property
    def highlight_list(self):
        return [line.strip() for line in self.highlights.splitlines() if line.strip()]

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def fill_default_window(self, today=None):
        """The previous calendar month, and recent records up to the drafting day."""
        if not (self.year and self.month):
            return
        first, last = previous_month(self.year, self.month)
        self.coverage_start = self.coverage_start or first
        self.coverage_end = self.coverage_end or last
        if not self.recent_until:
            today = today or timezone.localdate()
            latest = last_day_of_month(self.year, self.month)
            self.recent_until = min(max(today, self.coverage_end), latest)

    def previous(self):
        """The nearest earlier issue, by year and month."""
        earlier = models.Q(year__lt=self.year) | models.Q(year=self.year, month__lt=self.month)
        return Issue.objects.filter(earlier).order_by("-year", "-month").first()

    def recent_start(self):
        """The first day of comment requests and news: the day after the previous issue's
        recent_until, or without a previous issue the coverage start.

        Never before the coverage start: after months without an issue, the next one reports
        its own month, not years of records.
        """
        previous = self.previous() if self.year and self.month else None
        if previous is not None and previous.recent_until and self.coverage_start:
            return max(previous.recent_until + datetime.timedelta(days=1), self.coverage_start)
        return self.coverage_start

    def clean(self):
        self.fill_default_window()
        if self.coverage_start and self.coverage_end and self.coverage_end < self.coverage_start:
            raise ValidationError({"coverage_end": _("覆盖期结束不能早于开始。")})
        if self.coverage_end and self.recent_until and self.recent_until < self.coverage_end:
            raise ValidationError({"recent_until": _("征求意见与资讯截至日不能早于覆盖期结束。")})

    def save(self, *args, **kwargs):
        self.fill_default_window()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    # Drafting --------------------------------------------------------------------------------

    def candidates(self):
        """The records of the window that no other issue carries, by entry model.

        A record another issue carries was printed (or is to be) there; the editor can still
        add it by hand.
        """
        held = (self.coverage_start, self.coverage_end)
        recent = (self.recent_start(), self.recent_until)
        undated = models.Q(date__isnull=True, created_at__date__range=recent)
        windows = {
            IssueReview: Review.objects.filter(start_date__range=held).order_by(
                "start_date", "standard__plan_number", "pk"
            ),
            IssueCommentRequest: CommentRequest.objects.filter(start_date__range=recent).order_by(
                "start_date", "pk"
            ),
            IssueMeeting: Meeting.objects.filter(start_date__range=held).order_by(
                "start_date", "end_date", "pk"
            ),
            IssueNewsItem: NewsItem.objects.filter(models.Q(date__range=recent) | undated).order_by(
                F("date").asc(nulls_last=True), "created_at", "pk"
            ),
        }
        return {
            entry_model: records.exclude(
                models.Exists(
                    entry_model.objects.filter(
                        **{entry_model.record_field: models.OuterRef("pk")}
                    ).exclude(issue_id=self.pk)  # an unsaved issue carries none
                )
            )
            for entry_model, records in windows.items()
        }

    def next_revision_number(self):
        return (self.revisions.aggregate(last=Max("number"))["last"] or 0) + 1


CARRIED_BY_PUBLISHED = _(
    "已发布的月报 %(issues)s 收录了该记录，不能删除；如不应再公开，请取消“公开”改为内部记录。"
)


def protect_if_published(collector, field, sub_objs, using):
    """A record carried by a published issue cannot be deleted; otherwise its entries go with it.

    A correction republishes the issue from its entries, so a deleted record would silently
    vanish from it. The refusal names the issues; the record can be made internal instead.
    """
    carrying = {entry.issue_id for entry in sub_objs}
    issues = list(Issue.objects.published().filter(pk__in=carrying).order_by("year", "month"))
    if issues:
        raise models.ProtectedError(
            CARRIED_BY_PUBLISHED % {"issues": "、".join(str(issue) for issue in issues)},
            set(issues),
        )
    models.CASCADE(collector, field, sub_objs, using)


class IssueEntry(models.Model):
    """A record placed in an issue, in the editor's order."""

    issue = models.ForeignKey(Issue, verbose_name=_("月报"), on_delete=models.CASCADE)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    record_field = ""  # the foreign key to the record, set by each subclass

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return str(getattr(self, self.record_field))

    def save(self, *args, **kwargs):
        if self.order is None:  # added without a place (the admin's empty box): after the others
            last = type(self).objects.filter(issue=self.issue_id).aggregate(last=Max("order"))
            self.order = (last["last"] or 0) + 10
        super().save(*args, **kwargs)


class IssueReview(IssueEntry):
    review = models.ForeignKey(Review, verbose_name=_("标准审查"), on_delete=protect_if_published)
    record_field = "review"

    class Meta(IssueEntry.Meta):
        verbose_name = _("本期标准审查")
        verbose_name_plural = pgettext_lazy("plural", "本期标准审查")
        constraints = [
            models.UniqueConstraint(fields=["issue", "review"], name="review_once_per_issue")
        ]


class IssueCommentRequest(IssueEntry):
    comment_request = models.ForeignKey(
        CommentRequest, verbose_name=_("征求意见"), on_delete=protect_if_published
    )
    record_field = "comment_request"

    class Meta(IssueEntry.Meta):
        verbose_name = _("本期征求意见")
        verbose_name_plural = pgettext_lazy("plural", "本期征求意见")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "comment_request"], name="comment_request_once_per_issue"
            )
        ]


class IssueMeeting(IssueEntry):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=protect_if_published)
    record_field = "meeting"

    class Meta(IssueEntry.Meta):
        verbose_name = _("本期会议")
        verbose_name_plural = pgettext_lazy("plural", "本期会议")
        constraints = [
            models.UniqueConstraint(fields=["issue", "meeting"], name="meeting_once_per_issue")
        ]


class IssueNewsItem(IssueEntry):
    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("行业资讯"), on_delete=protect_if_published
    )
    record_field = "news_item"

    class Meta(IssueEntry.Meta):
        verbose_name = _("本期行业资讯")
        verbose_name_plural = pgettext_lazy("plural", "本期行业资讯")
        constraints = [
            models.UniqueConstraint(fields=["issue", "news_item"], name="news_item_once_per_issue")
        ]
