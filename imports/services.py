"""Spreadsheet imports as background tasks: a file too large to preview becomes an ImportJob.

The kinds of records a file can hold, and the resource that imports each, are registered by
their apps (imports.registry); the task that runs a job is in imports.tasks.
"""

from functools import cache

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.utils import timezone

from common.stale_jobs import fail_stale_jobs

from . import registry
from .formats import errors_to_show
from .models import ImportJob
from .uploads import remove_old_previews

# How often an import records how far it has got (and beats: see BackgroundJob.beat).
PROGRESS_EVERY = 100


def kinds_importable_by(user):
    """The kinds whose records the user may import (the import permission of the admin)."""
    code = getattr(settings, "IMPORT_EXPORT_IMPORT_PERMISSION_CODE", "add")
    kinds = []
    for kind in registry.kinds():
        opts = kind.resource_class._meta.model._meta
        if user.has_perm(f"{opts.app_label}.{get_permission_codename(code, opts)}"):
            kinds.append(kind.value)
    return kinds


def queue_import(resource_class, content, filename, options, user, rows_total=0):
    """Store the file as a job and queue its import; returns the job."""
    # The task module imports this one.
    from .tasks import run_import

    fail_stale_imports()
    job = ImportJob(
        kind=registry.kind_of(resource_class).value,
        original_filename=filename,
        options={key: value for key, value in options.items() if value},
        rows_total=rows_total,
        requested_by=user,
    )
    job.file.save(filename, ContentFile(content), save=False)
    with transaction.atomic():
        job.save()
        job.enqueue(run_import)
    return job


def fail_stale_imports():
    """Fail the imports whose worker was killed, and remove what ended jobs and abandoned
    previews leave; returns how many jobs were failed. Run whenever jobs are listed, queued or
    started: no process need be alive to notice a dead one."""
    # Read before writing: on SQLite a write would wait for an import's open transaction.
    failed = fail_stale_jobs(ImportJob.objects.all())
    for job in ImportJob.objects.exclude(status__in=ImportJob.ACTIVE).exclude(file=""):
        remove_upload(job)
    remove_old_previews()
    return failed


def remove_upload(job):
    """The uploaded file of an ended job: its report says what it did, the file is not kept."""
    if job.file:
        job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")


def outcome(report):
    """What a finished import leaves on its job: the rows it read and its report."""
    return {
        "rows_total": report.total,
        "rows_done": report.total,
        "report": {
            "total": report.total,
            "created": report.created,
            "updated": report.updated,
            "skipped": report.skipped,
            "errors": [str(error) for error in errors_to_show(report)],
        },
    }


class ProgressMixin:
    """A resource that records on its job, every PROGRESS_EVERY rows, how many rows are done,
    and beats (heartbeat_at) with it, so that a job whose worker was killed is seen to be stale.

    The import is one transaction, and other connections see what it writes (this count too)
    only when it commits. On PostgreSQL the count is therefore written on a connection of its
    own, so that the job's page follows the import. SQLite allows one writer at a time: there the
    count is written in the import's transaction and shows at the end.
    """

    def __init__(self, job_id, **options):
        super().__init__(**options)
        self.job_id = job_id
        self._rows_reported = 0
        self._progress_connection = None

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        # Invalid rows do not get here; the row number counts them too.
        done = kwargs["row_number"]
        if done - self._rows_reported >= PROGRESS_EVERY:
            self._rows_reported = done
            self.record_progress(done)

    def record_progress(self, rows_done):
        alias = router.db_for_write(ImportJob)
        connection = connections[alias]
        now = timezone.now()
        if connection.vendor != "postgresql" or not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(rows_done=rows_done, heartbeat_at=now)
            return
        if self._progress_connection is None:
            # The settings the open connection uses (under tests, the test database's name).
            self._progress_connection = type(connection)(dict(connection.settings_dict), alias)
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        with self._progress_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET rows_done = %s, heartbeat_at = %s WHERE id = %s",
                [rows_done, now, self.job_id],
            )

    def close_progress(self):
        if self._progress_connection is not None:
            self._progress_connection.close()
            self._progress_connection = None


@cache
def progress_resource(resource_class):
    """The resource class of a kind, recording its progress on a job."""
    return type(f"{resource_class.__name__}WithProgress", (ProgressMixin, resource_class), {})
