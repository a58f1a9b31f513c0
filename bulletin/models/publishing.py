"""What publishing leaves: frozen revisions of an issue, and the jobs that render them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import BackgroundJob, BackgroundJobQuerySet


def revision_path(revision, filename):
    return f"issues/{revision.issue.slug}/r{revision.number}/{filename}"


class IssueRevision(models.Model):
    """A published, frozen rendering of an issue; a correction adds the next revision."""

    issue = models.ForeignKey(
        "bulletin.Issue", verbose_name=_("月报"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("版次"))
    note = models.TextField(_("发布说明"), blank=True)
    html = models.FileField(_("网页文件"), upload_to=revision_path)
    html_sha256 = models.CharField(_("网页 SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF 文件"), upload_to=revision_path)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("发布版本")
        verbose_name_plural = pgettext_lazy("plural", "发布版本")
        ordering = ["issue", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="one_revision_number"),
        ]

    def __str__(self):
        return f"{self.issue} r{self.number}"

    def get_absolute_url(self):
        return reverse("bulletin:revision", args=[self.issue.year, self.issue.month, self.number])

    def get_pdf_url(self):
        return reverse(
            "bulletin:revision_pdf", args=[self.issue.year, self.issue.month, self.number]
        )

    @property
    def pdf_filename(self):
        return f"月报-{self.issue.slug}-r{self.number}.pdf"


class RenderJobQuerySet(BackgroundJobQuerySet):
    def blocking(self):
        """Jobs that keep another publishing of the same issue from starting.

        A stale one (its worker stopped beating) does not: the render ran in one transaction
        that never committed, so the issue is as it was; only the job's own row said running.
        """
        return self.filter(kind=RenderJob.Kind.PUBLISH, status__in=RenderJob.ACTIVE).exclude(
            pk__in=self.stale()
        )


class RenderJob(BackgroundJob):
    """The background rendering of an issue, at publishing or for a large issue's preview."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("发布")
        PREVIEW = "preview", _("PDF 预览")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        SUCCEEDED = "succeeded", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE = [Status.QUEUED, Status.RUNNING]  # a job in these blocks another publishing

    issue = models.ForeignKey(
        "bulletin.Issue",
        verbose_name=_("月报"),
        on_delete=models.CASCADE,
        related_name="render_jobs",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.PUBLISH)
    # A preview's PDF is kept here, not in media storage: the issue is not public yet.
    preview_pdf = models.BinaryField(_("预览 PDF"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    note = models.TextField(_("发布说明"), blank=True)
    revision = models.ForeignKey(
        IssueRevision, verbose_name=_("发布版本"), on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = RenderJobQuerySet.as_manager()
    stale_error = _("生成中断：任务进程在完成前停止，月报保持原状。")

    class Meta(BackgroundJob.Meta):
        verbose_name = _("生成任务")
        verbose_name_plural = pgettext_lazy("plural", "生成任务")

    def __str__(self):
        return f"{self.issue} {self.get_status_display()}"
