"""Background imports end, whatever happens to their worker: an ended job keeps no upload, a job
whose worker stopped beating is failed with a message, and a failed job is never imported later."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from bulletin.models import NewsItem
from imports import registry, services, tasks
from imports.models import ImportJob

pytestmark = pytest.mark.django_db

NEWS = "标题,日期,地区,正文,信息来源\n" + "".join(
    f"后台导入测试 {n},2022-07-08,广东,<p>正文。</p>,来源\n" for n in range(5)
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_PREVIEW_DIR = tmp_path / "previews"
    return settings.MEDIA_ROOT


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def queue(text=NEWS):
    return services.queue_import(
        registry.get("news").resource_class, text.encode(), "news.csv", {}, None, 5
    )


def silent_job(settings, **fields):
    """A job marked running whose worker has been silent longer than the heartbeat's timeout."""
    silent_since = timezone.now() - datetime.timedelta(
        seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS + 1
    )
    job = ImportJob(
        kind="news",
        original_filename="news.csv",
        status=ImportJob.Status.RUNNING,
        started_at=silent_since,
        heartbeat_at=silent_since,
        **fields,
    )
    job.file.save("news.csv", ContentFile(NEWS.encode()), save=False)
    job.save()
    return job


def test_a_job_that_succeeded_keeps_no_upload(demo, media):
    job = queue()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.file.name == ""
    assert stored_files(media) == []


def test_a_job_that_failed_keeps_no_upload(demo, media):
    job = queue(NEWS.replace("2022-07-08", "不是日期", 1))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.file.name == ""
    assert stored_files(media) == []


def test_a_job_beats_as_it_records_its_progress(demo, media, monkeypatch):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    beats = []
    record = services.ProgressMixin.record_progress

    def recorded(resource, done):
        record(resource, done)
        beats.append(ImportJob.objects.get(pk=resource.job_id).heartbeat_at)

    monkeypatch.setattr(services.ProgressMixin, "record_progress", recorded)

    queue()

    assert len(beats) == 2
    assert None not in beats and beats[0] <= beats[1]


def test_a_silent_job_is_failed_with_a_message_when_the_jobs_are_listed(
    demo, media, settings, admin_client
):
    job = silent_job(settings)

    page = admin_client.get(reverse("admin:imports_importjob_changelist"))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("导入中断：处理它的后台进程已停止")
    assert job.finished_at is not None
    assert job.file.name == ""
    assert stored_files(media) == []
    assert "失败" in page.text


def test_the_page_of_a_silent_job_says_why_it_failed(demo, media, settings, admin_client):
    job = silent_job(settings)

    page = admin_client.get(reverse("admin:imports_importjob_change", args=[job.pk]))

    assert "导入中断：处理它的后台进程已停止" in page.text
    assert "共 1 处错误，文件中的记录均未写入。" in page.text


def test_a_silent_job_is_failed_when_a_new_import_is_queued(demo, media, settings):
    stale = silent_job(settings)

    queue()

    stale.refresh_from_db()
    assert stale.status == ImportJob.Status.FAILED


def test_a_job_still_beating_is_left_running(demo, media, settings, admin_client):
    job = silent_job(settings)
    job.beat()

    admin_client.get(reverse("admin:imports_importjob_changelist"))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING
    assert job.file.name != ""


def test_a_job_failed_as_stale_is_not_imported_when_its_task_runs_after_all(demo, media, settings):
    job = silent_job(settings)
    services.fail_stale_imports()

    tasks.run_import.call(job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert not NewsItem.objects.filter(title__startswith="后台导入测试").exists()


def test_an_editor_finds_the_import_jobs_on_the_admin_index(editor_client):
    index = editor_client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("admin:imports_importjob_changelist")}"' in index


def test_the_records_of_a_background_import_name_its_requester_in_their_history(demo, media):
    editor = get_user_model().objects.get(username="editor")
    services.queue_import(
        registry.get("news").resource_class, NEWS.encode(), "news.csv", {}, editor, 5
    )

    imported = NewsItem.history.filter(title__startswith="后台导入测试")
    assert imported.count() == 5
    assert set(imported.values_list("history_user", flat=True)) == {editor.pk}
