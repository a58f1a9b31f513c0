"""The PDF preview of a large issue, rendered by the worker instead of in the editor's request."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import RenderJob
from .refusals import PreviewRunning


def queue_preview(issue, user):
    """The queued preview job of `issue`; refused while one is still active."""
    from common.stale_jobs import fail_stale_jobs

    from ..tasks import render_preview  # the task renders through the services' helpers

    jobs = RenderJob.objects.filter(issue=issue, kind=RenderJob.Kind.PREVIEW)
    fail_stale_jobs(jobs)
    with transaction.atomic():
        if jobs.filter(status__in=RenderJob.ACTIVE).exists():
            raise PreviewRunning(_("本期的 PDF 预览正在后台生成，请稍候。"))
        job = RenderJob.objects.create(issue=issue, requested_by=user, kind=RenderJob.Kind.PREVIEW)
        job.enqueue(render_preview)
    return job
