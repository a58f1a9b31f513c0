"""Readers without accounts, what they receive, and the mailings sent to them.

A mailing has one Delivery row per recipient, created before anything is sent: the sender claims
rows and marks each sent as soon as the SMTP server accepts it, so a worker killed and started
again sends the rest and nobody twice.
"""

import secrets
from urllib.parse import parse_qsl, urlencode

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standards.models import CommentRequest, Committee, Standard

# The comment-request list's filters a reader may subscribe to, in the order of its form.
FILTER_KEYS = ("q", "level", "committee", "proposer")


def new_token():
    return secrets.token_urlsafe(24)


def canonical_filter(query):
    """The filter part of a list's query string, keys sorted and empty values left out, so that
    the same filter is stored once whatever order its link named them in."""
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    kept = sorted((key, value.strip()) for key, value in pairs if key in FILTER_KEYS)
    return urlencode([(key, value) for key, value in kept if value])


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed readers who have not unsubscribed: the only ones any mail goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def receiving_issues(self):
        return self.receiving().filter(wants_issues=True)


class Subscriber(models.Model):
    class Language(models.TextChoices):
        CHINESE = "zh-hans", "简体中文"
        ENGLISH = "en", "English"

    class Reminder(models.IntegerChoices):
        OFF = 0, _("不提醒")
        THREE = 3, _("截止前 3 天")
        SEVEN = 7, _("截止前 7 天")

    email = models.EmailField(_("邮箱地址"), unique=True)
    language = models.CharField(
        _("语言"), max_length=8, choices=Language.choices, default=Language.CHINESE
    )
    wants_issues = models.BooleanField(_("接收每期月报"), default=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("征求意见截止提醒"), choices=Reminder.choices, default=Reminder.OFF
    )
    # The secret that the signed links name; a new one makes every earlier link useless.
    token = models.CharField(_("链接密钥"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("订阅时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("订阅者")
        verbose_name_plural = pgettext_lazy("plural", "订阅者")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_receiving(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class FilterSubscription(models.Model):
    """New comment requests that the comment-request list shows for this filter."""

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("订阅者"), on_delete=models.CASCADE, related_name="filters"
    )
    query = models.CharField(_("筛选条件"), max_length=500)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("征求意见筛选订阅")
        verbose_name_plural = pgettext_lazy("plural", "征求意见筛选订阅")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "query"], name="one_filter_per_query"),
        ]

    def __str__(self):
        return self.query or str(_("全部征求意见"))

    def get_absolute_url(self):
        url = reverse("standards:commentrequest-list")
        return f"{url}?{self.query}" if self.query else url

    def describe(self):
        """The filter as the list's form names it: "标准层级：GB；关键词：制动"."""
        from standards.filters import CommentRequestFilter

        fields = CommentRequestFilter(queryset=CommentRequest.objects.none()).form.fields
        parts = []
        for key, value in parse_qsl(self.query):
            field = fields.get(key)
            if field is None:
                continue
            shown = value
            if key in ("committee", "proposer"):
                shown = str(Committee.objects.filter(pk=value).first() or value)
            elif key == "level":
                shown = dict(Standard.Level.choices).get(value, value)
            parts.append(f"{field.label}：{shown}")
        return "；".join(parts) or str(_("全部征求意见"))


class MailingQuerySet(models.QuerySet):
    def unfinished(self):
        """Mailings with deliveries a sender may take now: left queued by a run the server
        stopped or a worker killed midway, or deferred after a temporary refusal and due."""
        claimable = Delivery.objects.claimable().filter(mailing=OuterRef("pk"))
        return self.filter(Exists(claimable))


class Mailing(models.Model):
    """One message sent to many: an issue's revision, its correction, a day's digest or
    reminders."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("月报")
        CORRECTION = "correction", _("更正通知")
        DIGEST = "digest", _("新征求意见摘要")
        REMINDER = "reminder", _("截止提醒")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    revision = models.ForeignKey(
        "bulletin.IssueRevision",
        verbose_name=_("发布版本"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailings",
    )
    day = models.DateField(_("日期"), null=True, blank=True)
    total = models.PositiveIntegerField(_("收件人数"), default=0)
    sent = models.PositiveIntegerField(_("已发送"), default=0)
    failed = models.PositiveIntegerField(_("失败"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = MailingQuerySet.as_manager()

    class Meta:
        verbose_name = _("群发")
        verbose_name_plural = pgettext_lazy("plural", "群发")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "revision"],
                condition=Q(revision__isnull=False),
                name="one_mailing_per_revision",
            ),
            models.UniqueConstraint(
                fields=["kind", "day"], condition=Q(day__isnull=False), name="one_mailing_per_day"
            ),
        ]

    def __str__(self):
        what = self.revision or self.day
        return f"{self.get_kind_display()} {what}"


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, now=None):
        """Queued rows no sender holds: never claimed, released, or whose claim or deferral
        has run out."""
        now = now or timezone.now()
        free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        return self.filter(free, status=Delivery.Status.QUEUED)

    def deferred(self, now=None):
        """Queued rows put off until later (a temporary refusal, a stopped server): no sender
        holds them, and none may take them before their time."""
        now = now or timezone.now()
        return self.filter(status=Delivery.Status.QUEUED, claimed_by="", claimed_until__gte=now)


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("失败")

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("群发"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("订阅者"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    smtp_response = models.TextField(_("SMTP 应答"), blank=True)
    # Which comment requests a digest or reminder names, chosen when the row is made.
    comment_requests = models.JSONField(_("征求意见"), default=list, blank=True)
    # A claim: the sender that holds the row and until when; an expired claim is free again.
    # A deferred row is held by no sender (claimed_by empty) until claimed_until.
    claimed_by = models.CharField(max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("投递")
        verbose_name_plural = pgettext_lazy("plural", "投递")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="one_delivery_each"),
        ]
        indexes = [models.Index(fields=["mailing", "status"])]

    def __str__(self):
        return f"{self.mailing} → {self.subscriber_id}"


class Notice(models.Model):
    """That a reader was told of a comment request (new, or closing soon): once each."""

    class Kind(models.TextChoices):
        NEW = "new", _("新征求意见")
        REMINDER = "reminder", _("截止提醒")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("订阅者"), on_delete=models.CASCADE, related_name="notices"
    )
    comment_request = models.ForeignKey(
        "standards.CommentRequest",
        verbose_name=_("征求意见"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    delivery = models.ForeignKey(
        Delivery, verbose_name=_("投递"), on_delete=models.CASCADE, related_name="notices"
    )

    class Meta:
        verbose_name = _("征求意见通知")
        verbose_name_plural = pgettext_lazy("plural", "征求意见通知")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "comment_request", "kind"], name="one_notice_each"
            ),
        ]

    def __str__(self):
        return f"{self.subscriber_id} {self.comment_request_id} {self.kind}"
