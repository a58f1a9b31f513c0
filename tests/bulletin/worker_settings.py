"""Settings of a real `db_worker` process started by the tests (test_tasks_worker_killed.py)."""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Short, so that a test waits seconds, not minutes, for the killed worker's job to be stale.
JOB_HEARTBEAT_TIMEOUT_SECONDS = 3
