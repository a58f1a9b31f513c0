"""Spreadsheet imports too large to preview in the admin, run as background tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import BackgroundJob
from common.spreadsheets import ImportReport

from . import registry


class ImportJob(BackgroundJob):
    """One uploaded file imported in the background: its progress and what it did."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        SUCCEEDED = "succeeded", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE = [Status.QUEUED, Status.RUNNING]
    stale_error = _(
        "导入中断：处理它的后台进程已停止（被终止或重启），文件中的记录均未写入。请重新导入该文件。"
    )

    kind = models.CharField(_("导入内容"), max_length=20, choices=registry.choices)
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/")
    original_filename = models.CharField(_("文件名"), max_length=255)
    options = models.JSONField(_("导入选项"), default=dict, blank=True)
    dry_run = models.BooleanField(_("仅试导入"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    report = models.JSONField(_("导入结果"), default=dict, blank=True)

    class Meta(BackgroundJob.Meta):
        # Made by the bulletin app before this one existed: its rows stay where they are.
        db_table = "bulletin_importjob"
        verbose_name = _("导入任务")
        verbose_name_plural = pgettext_lazy("plural", "导入任务")

    def __str__(self):
        return f"{self.original_filename}（{self.get_kind_display()}）"

    def import_report(self):
        """The stored report as an ImportReport (its errors as the strings they were)."""
        counts = {key: self.report.get(key, 0) for key in ("total", "created", "updated")}
        return ImportReport(
            **counts,
            skipped=self.report.get("skipped", 0),
            dry_run=self.dry_run,
            # A job that stopped without a report (its worker killed) has its error.
            errors=list(self.report.get("errors", [])) or ([self.error] if self.error else []),
        )
