"""`manage.py backup` and `restore`: every row and file back in an empty database and storage,
nothing written over data that is already there unless asked."""

import datetime
import hashlib
import io
import json
import re
import tarfile

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from backups.format import NATURAL_KEY_MODELS, backed_up_models
from meetings.models import Meeting, MeetingAttachment, MeetingPhoto
from standards.models import Committee, Standard
from tests.backups.archives import assert_nothing_restored, empty_site, media_files, restore
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every backed-up model as serialized, ids included (natural keys for the rows
    `migrate` creates with ids of its own)."""
    rows = {}
    for model in backed_up_models():
        serialized = serializers.serialize(
            "python",
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=model in NATURAL_KEY_MODELS,
        )
        rows[model._meta.label] = sorted(
            json.dumps(row, sort_keys=True, default=repr) for row in serialized
        )
    return rows


def png():
    image = io.BytesIO()
    Image.new("RGB", (4, 3), "navy").save(image, "PNG")
    return ContentFile(image.getvalue())


def test_the_published_demo_restores_into_an_empty_database_with_every_row_and_file(
    published_demo, settings, tmp_path, client
):
    meeting = Meeting.objects.order_by("pk").first()
    attachment = MeetingAttachment(meeting=meeting, title="会议议程")
    attachment.file.save("会议议程.pdf", ContentFile(b"%PDF-1.4 agenda"))
    photo = MeetingPhoto(meeting=meeting, caption="会议现场")
    photo.image.save("现场.png", png())
    standard = Standard.objects.order_by("pk").first()
    standard.english_title = "Road vehicles — restored from a backup"
    standard.save()  # a third history row, after its entry and its publication
    DBTaskResult.objects.create(
        task_path="bulletin.tasks.publish_issue",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=datetime.datetime(2022, 7, 14, 9, 30, 15, 123456, tzinfo=datetime.UTC),
        exception_class_path="",
        traceback="",
    )
    pdf_url = reverse("bulletin:issue_pdf", args=[2022, 7])
    pdf = b"".join(client.get(pdf_url).streaming_content)
    rows, files = snapshot(), media_files(settings.MEDIA_ROOT)
    assert len(files) == 4  # the HTML and PDF, the attachment, the photo
    assert standard.history.count() == 3

    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    empty_site(settings)
    assert_nothing_restored(settings)
    output = restore(archive)

    assert "every count as in the archive; wrote 4 files" in output
    assert snapshot() == rows
    assert media_files(settings.MEDIA_ROOT) == files
    response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    # New rows get new ids (on PostgreSQL, the sequences were reset past the restored rows).
    restored_ids = set(Meeting.objects.values_list("pk", flat=True))
    assert MeetingFactory().pk > max(restored_ids)


def test_an_archive_named_by_its_time_holds_the_rows_the_files_and_their_manifest(
    site, settings, tmp_path
):
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("backup", stdout=io.StringIO())

    (path,) = settings.BACKUP_DIR.iterdir()
    assert re.fullmatch(r"backup-\d{8}-\d{6}\.tar\.gz", path.name)
    with tarfile.open(path) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names == [
        "data/1-natural-keys.jsonl",
        "data/2-records.jsonl",
        f"media/{site.file.name}",
        "manifest.json",
        "manifest.json.sig",
    ]
    assert manifest["format"] == "standards-bulletin-backup"
    assert manifest["version"] == 1
    assert "0001_initial" in manifest["migrations"]["meetings"]
    assert manifest["counts"]["meetings.Meeting"] == 1
    assert manifest["counts"]["meetings.MeetingAttachment"] == 1
    assert "sessions.Session" not in manifest["counts"]
    content = b"%PDF-1.4 minutes"
    assert manifest["files"] == [
        {
            "name": site.file.name,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    ]


def test_a_file_missing_from_storage_is_reported_and_the_backup_still_written(site, tmp_path):
    site.file.storage.delete(site.file.name)
    errors = io.StringIO()
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO(), stderr=errors)

    assert f"Missing from storage, so not in the archive: {site.file.name}" in errors.getvalue()
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["files"] == []
    assert manifest["missing_files"] == [{"name": site.file.name, "referenced_by": "records"}]


def test_a_database_that_holds_data_is_left_alone_without_force(archive, site, settings):
    Meeting.objects.update(title="恢复前改过的标题")

    with pytest.raises(CommandError, match=r"already holds .* --force"):
        restore(archive)
    assert Meeting.objects.get().title == "恢复前改过的标题"
    assert media_files(settings.MEDIA_ROOT) == {site.file.name: b"%PDF-1.4 minutes"}


def test_force_replaces_the_database_and_the_files_with_the_archive(archive, site, settings):
    title = Meeting.objects.get().title
    Meeting.objects.update(title="恢复前改过的标题")
    Committee.objects.create(name="备份之后新建的委员会")
    site.file.storage.delete(site.file.name)
    site.file.storage.save(site.file.name, ContentFile(b"changed since"))

    output = restore(archive, "--force")

    assert "Deleted the" in output
    assert Meeting.objects.get().title == title
    assert not Committee.objects.filter(name="备份之后新建的委员会").exists()
    assert media_files(settings.MEDIA_ROOT) == {site.file.name: b"%PDF-1.4 minutes"}
