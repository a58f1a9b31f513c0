"""The PDF preview of a large issue, rendered by the worker instead of in the editor's request."""

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext_lazy as _

from . import approval
from .models import RenderJob
from .render_worker import RenderFailed
from .rendering import render_pdf


class PreviewRunning(Exception):
    """A preview of the issue is already being rendered."""


def queue_preview(issue, user):
    """The queued preview job of `issue`; refused while one is still active."""
    from common.stale_jobs import fail_stale_jobs

    jobs = RenderJob.objects.filter(issue=issue, kind=RenderJob.Kind.PREVIEW)
    fail_stale_jobs(jobs)
    with transaction.atomic():
        if jobs.filter(status__in=RenderJob.ACTIVE).exists():
            raise PreviewRunning(_("本期的 PDF 预览正在后台生成，请稍候。"))
        job = RenderJob.objects.create(issue=issue, requested_by=user, kind=RenderJob.Kind.PREVIEW)
        job.enqueue(render_preview)
    return job


@task
def render_preview(job_id):
    job = RenderJob.objects.select_related("issue").get(pk=job_id)

    def work():
        approval.check_size(job.issue)
        return {"preview_pdf": render_pdf(job.issue, beat=job.beat)}

    if job.run(work, explained=(RenderFailed, approval.TooLargeToRender)) is None:
        return None
    # Only the latest preview is offered; the earlier ones' PDFs need not fill the database.
    RenderJob.objects.filter(issue=job.issue, kind=RenderJob.Kind.PREVIEW, pk__lt=job.pk).update(
        preview_pdf=None
    )
    return job.pk
