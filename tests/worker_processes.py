"""A project of separate processes over one SQLite file, as production runs: manage.py
commands, real `db_worker`s, and the file read with sqlite3 (the worker-killed tests)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


class Project:
    def __init__(self, folder, settings_module, **environment):
        self.database = folder / "db.sqlite3"
        self.media = folder / "media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "MEDIA_ROOT": str(self.media),
            **environment,
        }

    def manage(self, *args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
            **kwargs,
        )

    def worker(self, *args):
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql):
        with closing(sqlite3.connect(self.database)) as db:
            return db.execute(sql).fetchall()


def wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError("gave up waiting")


def sigkill(process):
    """Kill a worker as the kernel's OOM killer or a power cut would: no chance to clean up."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@contextmanager
def stopped_after(process):
    """The process, killed at the end of the block if it still runs (a test that failed)."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
