"""Publishing is all or nothing: an interrupted render leaves the issue, its records and the
storage as they were, and a worker stopped mid-render does not block publishing for ever."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from bulletin import workflow
from bulletin.models import Issue, IssueRevision, RenderJob
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def approved(demo):
    editor, publisher = (get_user_model().objects.get(username=n) for n in ("editor", "publisher"))
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "submit", editor)
    workflow.transition(issue, "approve", publisher)
    return Issue.objects.get(pk=issue.pk), publisher


def stored_files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_failure_after_the_files_are_written_removes_them_and_changes_nothing(
    media, approved, monkeypatch
):
    issue, publisher = approved
    internal_meetings = set(Meeting.objects.filter(is_public=False).values_list("pk", flat=True))

    def fails(self):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Issue, "make_records_public", fails)
    job = workflow.transition(issue, "publish", publisher, "首次发布")

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert "database went away" in job.error
    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED
    assert not IssueRevision.objects.exists()
    assert stored_files(media) == []  # the rendered page and PDF were removed again
    assert set(Meeting.objects.filter(is_public=False).values_list("pk", flat=True)) == (
        internal_meetings
    )


def test_a_job_left_running_by_a_stopped_worker_no_longer_blocks_publishing(settings, approved):
    issue, publisher = approved
    silent = timezone.now() - datetime.timedelta(
        seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS + 1
    )
    stuck = RenderJob.objects.create(
        issue=issue, status=RenderJob.Status.RUNNING, started_at=silent, heartbeat_at=silent
    )
    # The new job is only queued: a worker would run it.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    job = workflow.transition(issue, "publish", publisher, "再次发布")

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

    with pytest.raises(workflow.TransitionRefused, match="正在发布"):
        workflow.transition(issue, "publish", publisher, "再次发布")
