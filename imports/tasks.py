"""The task that imports a queued job's file."""

from django.tasks import task

from common.spreadsheets import import_file

from . import registry
from .models import ImportJob
from .services import fail_stale_imports, outcome, progress_resource, remove_upload


@task
def run_import(job_id):
    """Import a job's file, whole or not at all, and store its report on the job."""
    fail_stale_imports()
    job = ImportJob.objects.get(pk=job_id)
    # Only a queued job starts: a job failed as stale, or run before, is not imported again.
    if not job.start():
        return False
    resource_class = registry.get(job.kind).resource_class
    resource = progress_resource(resource_class)(job.pk, **job.options)
    resource.history_user = job.requested_by
    try:
        with job.file.open("rb") as upload:
            content = upload.read()
        report = import_file(resource, content, job.original_filename, dry_run=job.dry_run)
    except Exception as error:
        job.fail(repr(error), report={"errors": [repr(error)]})
        raise
    finally:
        resource.close_progress()
        remove_upload(job)
    if report.ok:
        job.finish(**outcome(report))
    else:
        job.fail("", **outcome(report))  # the report holds the rows' errors
    return report.ok
