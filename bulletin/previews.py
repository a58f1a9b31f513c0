"""The PDF preview of a large issue, rendered by the worker instead of in the editor's request."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone
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
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id):
    result = render_preview.enqueue(job_id)
    RenderJob.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id))


@task
def render_preview(job_id):
    job = RenderJob.objects.select_related("issue").get(pk=job_id)
    now = timezone.now()
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    try:
        approval.check_size(job.issue)
        pdf = render_pdf(job.issue, beat=job.beat)
    except (RenderFailed, approval.TooLargeToRender) as failure:
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED, error=str(failure), finished_at=timezone.now()
        )
        return None
    except Exception as error:
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED, error=repr(error), finished_at=timezone.now()
        )
        raise
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.SUCCEEDED, preview_pdf=pdf, finished_at=timezone.now()
    )
    # Only the latest preview is offered; the earlier ones' PDFs need not fill the database.
    RenderJob.objects.filter(issue=job.issue, kind=RenderJob.Kind.PREVIEW, pk__lt=job.pk).update(
        preview_pdf=None
    )
    return job.pk
