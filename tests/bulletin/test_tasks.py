"""The bulletin's tasks: publishing and a large issue's preview, run by the worker."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from bulletin.models import Issue, RenderJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


def messages_of(client, response):
    """The messages the admin would show on the page it redirects to."""
    assert response.status_code == 302
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_a_large_issue_is_previewed_by_a_background_job(
    settings, editor_client, issue, django_capture_on_commit_callbacks
):
    settings.RENDER_PREVIEW_BACKGROUND_ENTRIES = 10
    url = reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.get(url)

    assert "后台生成" in messages_of(editor_client, response)
    job = RenderJob.objects.get(issue=issue, kind=RenderJob.Kind.PREVIEW)
    assert job.status == RenderJob.Status.SUCCEEDED
    change_page = editor_client.get(reverse("admin:bulletin_issue_change", args=[issue.pk])).text
    download = reverse("admin:bulletin_issue_preview_job", args=[issue.pk, job.pk])
    assert download in change_page
    assert editor_client.get(download).content.startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_publishes_the_queued_issue(
    settings, tmp_path, django_user_model
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())  # publishing is queued, not run
    issue = Issue.objects.get()
    job = issue.render_jobs.get()
    assert (issue.status, job.status) == (Issue.Status.APPROVED, RenderJob.Status.QUEUED)
    assert DBTaskResult.objects.get().task_path == "bulletin.tasks.publish_issue"

    call_command("db_worker", "--batch", stdout=io.StringIO())

    issue.refresh_from_db()
    job.refresh_from_db()
    assert (issue.status, job.status) == (Issue.Status.PUBLISHED, RenderJob.Status.SUCCEEDED)
    assert job.revision.number == 1


@pytest.mark.django_db(transaction=True)
def test_tasks_queued_before_the_move_to_tasks_py_are_found_after_the_upgrade():
    executor = MigrationExecutor(connection)
    executor.migrate([("bulletin", "0009_upload_fields")])
    try:
        for path in ("bulletin.workflow.publish_issue", "bulletin.previews.render_preview"):
            DBTaskResult.objects.create(
                task_path=path, args_kwargs={"args": [1], "kwargs": {}}, backend_name="default"
            )
        executor.loader.build_graph()
        executor.migrate([("bulletin", "0010_task_paths")])
    finally:  # later tests need every migration again
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    rows = DBTaskResult.objects.order_by("task_path")
    assert [row.task_path for row in rows] == [
        "bulletin.tasks.publish_issue",
        "bulletin.tasks.render_preview",
    ]
    assert [row.task.name for row in rows] == ["publish_issue", "render_preview"]
