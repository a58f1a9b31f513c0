"""A job (publishing, a preview, an import) is queued only once its row is committed, and a
queue that refuses it fails the job.

With the immediate backend of the other tests, a task runs at once, before anyone could tell
whether its row was committed first. The backends here queue nothing and run nothing: they note
what the caller's transaction and another connection showed when the task was handed to them,
on a database that really commits (transactional_db).
"""

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.tasks.backends.dummy import DummyBackend

from bulletin import services
from bulletin.models import RenderJob
from imports import registry
from imports.models import ImportJob
from imports.services import queue_import
from tests.bulletin.factories import IssueFactory

pytestmark = pytest.mark.django_db(transaction=True)

HANDED = []  # what each backend saw when a task was handed to it


def seen_by_another_connection(job_id, model=RenderJob):
    """The job's status as another connection reads it: None while its row is not committed."""
    other = connections.create_connection(connection.alias)
    try:
        with other.cursor() as cursor:
            cursor.execute(f"SELECT status FROM {model._meta.db_table} WHERE id = %s", [job_id])
            row = cursor.fetchone()
    except DatabaseError:  # SQLite: the row's table is locked by the open transaction
        return None
    finally:
        if other.connection is not None:  # close() keeps an in-memory SQLite database open
            other.connection.close()
    return row[0] if row else None


class RecordingBackend(DummyBackend):
    """A queue of another process: it sees only what is committed; it runs nothing here."""

    def enqueue(self, task, args, kwargs):
        job_id = args[0]
        model = ImportJob if task.name == "run_import" else RenderJob
        HANDED.append(
            {
                "task": task.name,
                "job": job_id,
                "in_transaction": connection.in_atomic_block,
                "committed_status": seen_by_another_connection(job_id, model),
            }
        )
        return super().enqueue(task, args, kwargs)


class RefusingBackend(DummyBackend):
    """A queue that is down."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("queue unreachable")


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def handed():
    HANDED.clear()
    yield HANDED
    HANDED.clear()


@pytest.fixture
def recording(settings):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.RecordingBackend"}}


@pytest.fixture
def refusing(settings):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("publisher")


@pytest.fixture
def approved():
    return IssueFactory(status="approved")


def publish(issue, user):
    return services.transition(issue, "publish", user)


def preview(issue, user):
    return services.queue_preview(issue, user)


def import_news(issue, user):
    resource_class = registry.get("news").resource_class
    return queue_import(resource_class, "标题\n".encode(), "news.csv", {}, user, rows_total=1)


QUEUEING = [
    pytest.param(publish, "publish_issue", id="publishing"),
    pytest.param(preview, "render_preview", id="preview"),
    pytest.param(import_news, "run_import", id="import"),
]
QUEUES = [
    pytest.param(publish, RenderJob, id="publishing"),
    pytest.param(preview, RenderJob, id="preview"),
    pytest.param(import_news, ImportJob, id="import"),
]


@pytest.mark.parametrize(("queue", "task"), QUEUEING)
def test_a_job_is_handed_to_the_queue_only_once_its_row_is_committed(
    recording, handed, approved, publisher, queue, task
):
    with transaction.atomic():  # the request's transaction, say
        job = queue(approved, publisher)
        assert handed == []  # not while the transaction that made the job is open
        assert seen_by_another_connection(job.pk, type(job)) is None

    assert handed == [
        {
            "task": task,
            "job": job.pk,
            "in_transaction": False,
            "committed_status": job.QUEUED,
        }
    ]
    job.refresh_from_db()
    assert job.status == job.QUEUED
    assert job.task_id  # the queue's id of the task, for the stale-job sweep


@pytest.mark.parametrize(("queue", "model"), QUEUES)
def test_a_rolled_back_job_is_never_handed_to_the_queue(
    recording, handed, approved, publisher, queue, model
):
    with pytest.raises(Rollback), transaction.atomic():
        queue(approved, publisher)
        raise Rollback

    assert handed == []
    assert not model.objects.exists()


@pytest.mark.parametrize(("queue", "model"), QUEUES)
def test_a_job_the_queue_refuses_is_failed_with_the_reason_not_left_queued(
    refusing, approved, publisher, queue, model
):
    job = queue(approved, publisher)

    job.refresh_from_db()
    assert job.status == model.FAILED
    assert "无法排入后台任务队列" in job.error and "queue unreachable" in job.error
    assert job.finished_at is not None
    assert not model.objects.filter(status=model.QUEUED).exists()
    # so it blocks nothing: the issue can be published or previewed again
    assert not approved.render_jobs.blocking().exists()
    assert not approved.render_jobs.filter(status__in=RenderJob.ACTIVE).exists()
