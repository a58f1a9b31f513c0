"""An import whose worker is killed (SIGKILL) mid-file: the job ends failed with a message, its
upload is removed and nothing of the file was written."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("killed_import.py")


def run(env, *args):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def test_a_killed_import_becomes_failed_with_a_message_and_its_upload_removed(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONPATH": str(ROOT),
    }
    run(env, "manage.py", "migrate", "--verbosity", "0")
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), "import"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        progress = json.loads(worker.stdout.readline())  # mid-file, rows written uncommitted
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        worker.stdout.close()
    assert progress["rows_done"] >= 100
    assert Path(progress["file"]).exists()

    # The admin's list, once the job has been silent for the heartbeat's timeout.
    checked = run(
        {**env, "JOB_HEARTBEAT_TIMEOUT_SECONDS": "0", "DJANGO_ALLOWED_HOSTS": "testserver"},
        str(WORKER),
        "check",
    )

    job = json.loads(checked.stdout.splitlines()[-1])
    assert job["status"] == "failed"
    assert "导入中断" in job["error"]
    assert job["file"] == ""
    assert not Path(progress["file"]).exists()
    assert job["written"] == 0
