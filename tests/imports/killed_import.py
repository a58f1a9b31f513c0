"""A worker process for tests/imports/test_import_killed.py, on a database of its own.

`import`: queue a job and run its import, which stops after its first progress report and
waits to be killed. `check`: open the jobs' list in the admin, and print what became of them.
"""

import json
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bulletin.models import NewsItem  # noqa: E402
from imports import services, tasks  # noqa: E402
from imports.models import ImportJob  # noqa: E402

TITLE = "导入中断测试"


def start_import():
    rows = "".join(f"{TITLE} {n},2022-07-08,广东,<p>正文。</p>,来源\n" for n in range(500))
    job = ImportJob(kind="news", original_filename="news.csv", rows_total=500)
    job.file.save("news.csv", ContentFile(f"标题,日期,地区,正文,信息来源\n{rows}".encode()))
    recorded = services.ProgressMixin.record_progress

    def record_then_wait(resource, rows_done):
        recorded(resource, rows_done)
        print(json.dumps({"rows_done": rows_done, "file": job.file.path}), flush=True)
        time.sleep(600)

    services.ProgressMixin.record_progress = record_then_wait
    tasks.run_import.call(job.pk)


def check():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.com"))
    page = client.get(reverse("admin:imports_importjob_changelist"))
    assert page.status_code == 200, page.status_code
    job = ImportJob.objects.get()
    written = NewsItem.objects.filter(title__startswith=TITLE).count()
    print(
        json.dumps(
            {"status": job.status, "error": job.error, "file": job.file.name, "written": written}
        )
    )


if __name__ == "__main__":
    {"import": start_import, "check": check}[sys.argv[1]]()
