"""Publishing is all or nothing: an interrupted render leaves the issue, its records and the
storage as they were, and a worker stopped mid-render does not block publishing for ever."""

import datetime
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_started
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bulletin import services
from bulletin.models import Issue, RenderJob
from bulletin.services import publishing
from meetings.models import Meeting
from tests.bulletin.jobs import assert_failed_and_still_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def approved(demo):
    editor, publisher = (get_user_model().objects.get(username=n) for n in ("editor", "publisher"))
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)
    return Issue.objects.get(pk=issue.pk), publisher


def stored_files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_failure_after_the_files_are_written_removes_them_and_changes_nothing(
    media, approved, monkeypatch
):
    issue, publisher = approved
    internal_meetings = set(Meeting.objects.filter(is_public=False).values_list("pk", flat=True))

    def fails(issue, user):
        raise RuntimeError("database went away")

    monkeypatch.setattr(publishing, "make_records_public", fails)
    job = services.transition(issue, "publish", publisher, "首次发布")

    assert_failed_and_still_approved(job, issue, "database went away")
    assert stored_files(media) == []  # the rendered page and PDF were removed again
    assert set(Meeting.objects.filter(is_public=False).values_list("pk", flat=True)) == (
        internal_meetings
    )


def test_a_job_left_running_by_a_stopped_worker_no_longer_blocks_publishing(settings, approved):
    issue, publisher = approved
    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS + 1)
    stuck = RenderJob.objects.create(
        issue=issue, status=RenderJob.Status.RUNNING, started_at=silent, heartbeat_at=silent
    )
    # The new job is only queued: a worker would run it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    job = services.transition(issue, "publish", publisher, "再次发布")

    stuck.refresh_from_db()
    assert stuck.status == RenderJob.Status.FAILED
    assert "中断" in stuck.error
    assert job.pk != stuck.pk
    assert job.status == RenderJob.Status.QUEUED


def test_a_job_running_now_still_blocks_a_second_publishing(approved):
    issue, publisher = approved
    RenderJob.objects.create(
        issue=issue, status=RenderJob.Status.RUNNING, started_at=timezone.now()
    )

    with pytest.raises(services.TransitionRefused, match="正在发布"):
        services.transition(issue, "publish", publisher, "再次发布")


def test_what_a_publishing_killed_while_writing_left_is_replaced_by_the_final_names(
    media, approved
):
    issue, publisher = approved
    folder = media / "issues" / "2022-07" / "r1"
    folder.mkdir(parents=True)
    (folder / "2022-07.html").write_bytes(b"<html><body>half a pa")  # a write cut short
    (folder / ".2022-07.html.part").write_bytes(b"<html>")

    job = services.transition(issue, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED
    assert stored_files(media) == ["2022-07.html", "bulletin-2022-07-r1.pdf"]
    assert job.revision.html.name == "issues/2022-07/r1/2022-07.html"
    with job.revision.html.open("rb") as page:
        assert hashlib.sha256(page.read()).hexdigest() == job.revision.html_sha256


def test_the_sweep_of_a_starting_task_fails_stale_jobs_and_their_task_rows(settings, approved):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue, _ = approved
    silent = timezone.now() - datetime.timedelta(seconds=3600)
    task_row = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="bulletin.tasks.publish_issue",
        backend_name="default",
        run_after=silent,
        started_at=silent,
    )
    stuck = RenderJob.objects.create(
        issue=issue,
        status=RenderJob.Status.RUNNING,
        started_at=silent,
        heartbeat_at=silent,
        task_id=str(task_row.id),
    )

    starting = DBTaskResult.objects.create(
        args_kwargs={"args": [2], "kwargs": {}},
        task_path="bulletin.tasks.publish_issue",
        backend_name="default",
        run_after=timezone.now(),
    )

    # as a worker sends on starting a task, the first after its restart
    task_started.send(sender=None, task_result=starting.task_result)

    stuck.refresh_from_db()
    task_row.refresh_from_db()
    assert stuck.status == RenderJob.Status.FAILED and "中断" in stuck.error
    assert task_row.status == TaskResultStatus.FAILED
    assert task_row.finished_at is not None


def test_a_job_that_beats_is_not_stale(approved):
    issue, _ = approved
    long_ago = timezone.now() - datetime.timedelta(seconds=3600)
    job = RenderJob.objects.create(
        issue=issue, status=RenderJob.Status.RUNNING, started_at=long_ago
    )
    job.beat()

    assert not RenderJob.objects.stale().exists()
    assert RenderJob.objects.blocking().get() == job
