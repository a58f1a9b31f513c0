"""The bulletin's long work, run as Django tasks: publishing an issue, a large issue's preview.

Each task runs its RenderJob (BackgroundJob.run): running, then succeeded or failed with a
message; the services queue them with job.enqueue(), once the job's row is committed.
"""

from django.tasks import task

from .models import RenderJob
from .rendering.pdf import render_pdf
from .rendering.worker import RenderFailed
from .services import TooLargeToRender, TransitionRefused, check_size, freeze

# Failures whose message is written for the publisher; anything else is a bug, kept as repr().
EXPLAINED = (TransitionRefused, RenderFailed, TooLargeToRender)


@task
def publish_issue(job_id):
    """Render the issue once, store both files with their SHA-256, and mark it published."""
    job = RenderJob.objects.select_related("issue", "requested_by").get(pk=job_id)
    done = job.run(
        lambda: {"revision": freeze(job.issue, job.requested_by, job.note, beat=job.beat)},
        explained=EXPLAINED,
    )
    return done and done["revision"].pk


@task
def render_preview(job_id):
    job = RenderJob.objects.select_related("issue").get(pk=job_id)

    def work():
        check_size(job.issue)
        return {"preview_pdf": render_pdf(job.issue, beat=job.beat)}

    if job.run(work, explained=(RenderFailed, TooLargeToRender)) is None:
        return None
    # Only the latest preview is offered; the earlier ones' PDFs need not fill the database.
    RenderJob.objects.filter(issue=job.issue, kind=RenderJob.Kind.PREVIEW, pk__lt=job.pk).update(
        preview_pdf=None
    )
    return job.pk
