"""Jobs whose worker died: failed, with the task result row django-tasks-db left running.

A job's row says "running" until its worker finishes it; a worker killed mid-task (SIGKILL, OOM,
a lost machine) never does, and neither does it finish django-tasks-db's own DBTaskResult. Both
are finished here, once the job has missed its heartbeats (BackgroundJob.stale()): when a job of
the same kind is asked for again, and whenever a worker starts a task, so a restarted worker
clears what its predecessor left.
"""

import uuid

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BackgroundJob

STALE_ERROR = _("任务中断：执行它的进程在完成前停止。")
WORKER_LOST = "common.stale_jobs.WorkerLost"


def _task_ids(values):
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except (TypeError, ValueError):
            continue
    return found


def finish_task_results(task_ids):
    """Mark django-tasks-db's rows of these tasks failed if they still say running."""
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    ids = _task_ids(task_ids)
    if not ids:
        return 0
    return DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=WORKER_LOST,
        traceback="The worker running this task stopped without finishing it (no heartbeat).\n",
        return_value=None,
    )


@transaction.atomic
def fail_stale_jobs(jobs):
    """Fail the stale jobs of `jobs` (a queryset of one BackgroundJob model) and their tasks."""
    error = getattr(jobs.model, "stale_error", STALE_ERROR)
    stale = dict(jobs.stale().select_for_update().values_list("pk", "task_id"))
    if not stale:
        return 0
    failed = jobs.model.objects.filter(pk__in=stale).fail_stale(error)
    finish_task_results(stale.values())
    return failed


def job_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BackgroundJob) and not model._meta.abstract
    ]


def sweep_stale_jobs(**kwargs):
    """Every kind of job; connected to task_started, so any worker's start sweeps."""
    return sum(fail_stale_jobs(model.objects.all()) for model in job_models())
