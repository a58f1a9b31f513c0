"""A real `manage.py db_worker` killed with SIGKILL in the middle of a render: its job and its
task row are finished as failed, publishing starts again at once, no partial file is left, and
the next publishing writes the final names.

Everything runs in separate processes over one SQLite file, as in production; the test reads
the database with sqlite3.
"""

import time
from pathlib import Path

import pytest

from tests.worker_processes import Project, sigkill, stopped_after, wait_for

HEARTBEAT_TIMEOUT = 3  # tests/bulletin/worker_settings.py

PUBLISH_AGAIN = """
from django.contrib.auth import get_user_model
from bulletin import services
from bulletin.models import Issue
job = services.transition(
    Issue.objects.get(), "publish", get_user_model().objects.get(username="publisher")
)
print(job.status)
"""


@pytest.fixture
def project(tmp_path):
    project = Project(tmp_path, "tests.bulletin.worker_settings")
    project.manage("migrate", "-v", "0")
    project.manage("load_demo")  # publishing is queued for the worker
    return project.manage, project.worker, project.query, project.media


def children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def render_child(pid):
    """The worker's forked render process (it runs the worker's command line)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    for child in children(pid):
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == own:
                return child
        except FileNotFoundError:
            continue
    return None


def stable_render_child(pid):
    """The render child once it stays a fork (not a fork about to exec another program)."""
    child = render_child(pid)
    if child is None:
        return None
    time.sleep(0.1)
    return child if render_child(pid) == child else None


def gone(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # dead, waiting for its new parent to reap it


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def test_a_worker_killed_mid_render_leaves_nothing_behind_and_publishing_starts_again(project):
    manage, worker, query, media = project
    with stopped_after(worker()) as running:
        # Kill the worker in the middle of the render: once its job runs and its render process
        # is there (or after a moment, with a worker that renders in its own process).
        wait_for(lambda: query("SELECT status FROM bulletin_renderjob") == [("running",)])
        try:
            render = wait_for(lambda: stable_render_child(running.pid), seconds=0.5)
        except AssertionError:
            render = None
        sigkill(running)
    assert query("SELECT status FROM bulletin_issue") == [("approved",)]  # not finished
    assert query("SELECT status FROM django_tasks_database_dbtaskresult") == [("RUNNING",)]
    assert stored_files(media) == []  # killed before writing, it wrote nothing

    time.sleep(HEARTBEAT_TIMEOUT + 1)
    assert manage("shell", "--no-imports", "-c", PUBLISH_AGAIN).stdout.split() == ["queued"]

    jobs = query("SELECT status, error FROM bulletin_renderjob ORDER BY id")
    assert [status for status, _ in jobs] == ["failed", "queued"]
    assert "中断" in jobs[0][1]
    tasks = query("SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at")
    assert tasks == [("FAILED",), ("READY",)]

    assert render is not None
    wait_for(lambda: gone(render), seconds=10)  # the render process stopped with its worker

    manage("db_worker", "--batch")

    assert query("SELECT status FROM bulletin_renderjob ORDER BY id")[-1] == ("succeeded",)
    assert query("SELECT status FROM bulletin_issue") == [("published",)]
    assert stored_files(media / "issues") == [
        "2022-07/r1/2022-07.html",
        "2022-07/r1/bulletin-2022-07-r1.pdf",
    ]
