"""`manage.py backup` and `restore`: every row and file back in an empty database and storage,
nothing written from a damaged archive or over data that is already there."""

import datetime
import hashlib
import io
import json
import re
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from common.backups import (
    NATURAL_KEY_MODELS,
    backed_up_models,
    existing_records,
    flush_database,
)
from common.backups.signing import SIGNATURE, signature_member
from meetings.models import Meeting, MeetingAttachment, MeetingPhoto
from standards.models import Committee, Standard
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


def media_files(root):
    root = Path(root)
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def empty_site(settings):
    flush_database()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def assert_nothing_restored(settings):
    assert existing_records() == {}
    assert media_files(settings.MEDIA_ROOT) == {}


def restore(*args):
    out = io.StringIO()
    call_command("restore", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rewrite(archive, target, change, resign=False):
    """Copy the archive member by member, each member's bytes passed through change(name, data);
    `resign`: sign the changed manifest again with the site's key (change sees the new one)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        manifest = None
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = data = change(member.name, data)
            elif member.name == SIGNATURE and resign:
                data = change(member.name, signature_member(manifest))
            else:
                data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


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
    standard.save()  # a second history row
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
    assert standard.history.count() == 2

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


@pytest.fixture
def site(settings, tmp_path):
    """A meeting with an attached file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = MeetingAttachment(meeting=MeetingFactory(), title="会议纪要")
    attachment.file.save("纪要.pdf", ContentFile(b"%PDF-1.4 minutes"))
    return attachment


@pytest.fixture
def archive(site, tmp_path):
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    return path


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


def test_a_truncated_archive_is_refused_and_nothing_written(archive, settings, tmp_path):
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    empty_site(settings)

    with pytest.raises(CommandError, match="damaged"):
        restore(truncated)
    assert_nothing_restored(settings)


def test_an_altered_file_fails_its_checksum_and_nothing_is_written(
    archive, site, settings, tmp_path
):
    def alter(name, data):
        return data.replace(b"minutes", b"MINUTES") if name.startswith("media/") else data

    altered = rewrite(archive, tmp_path / "altered.tar.gz", alter)
    empty_site(settings)

    with pytest.raises(CommandError, match=f"media/{site.file.name}: checksum mismatch"):
        restore(altered)
    assert_nothing_restored(settings)


def test_altered_rows_fail_their_checksum(archive, settings, tmp_path):
    def alter(name, data):
        return data.replace("测试".encode(), "篡改".encode()) if name.startswith("data/") else data

    altered = rewrite(archive, tmp_path / "altered.tar.gz", alter)
    empty_site(settings)

    with pytest.raises(CommandError, match=r"data/2-records\.jsonl: checksum mismatch"):
        restore(altered)
    assert_nothing_restored(settings)


def test_an_archive_made_before_a_migration_is_refused(archive, settings, tmp_path):
    def forget_last_meetings_migration(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["meetings"].pop()
        return json.dumps(manifest).encode()

    older = rewrite(archive, tmp_path / "older.tar.gz", forget_last_meetings_migration, resign=True)
    empty_site(settings)

    with pytest.raises(CommandError, match=r"meetings: migration .* older version"):
        restore(older)
    assert_nothing_restored(settings)


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


# Signatures ----------------------------------------------------------------------------------


@pytest.fixture
def editor_archive(site, django_user_model, tmp_path):
    django_user_model.objects.create_user("editor", password="secret", is_staff=True)
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    return path


def make_editor_superuser(archive, target, signature=None):
    """The attack: the editor made superuser in the rows, the manifest's hashes recomputed.
    `signature`: what becomes of the signature member (None: kept as it was)."""
    records = {}

    def change(name, data):
        if name == "data/2-records.jsonl":
            lines = []
            for line in data.decode().splitlines():
                row = json.loads(line)
                if row["model"] == "auth.user" and row["fields"]["username"] == "editor":
                    row["fields"]["is_superuser"] = True
                lines.append(json.dumps(row, ensure_ascii=False))
            records["data"] = ("\n".join(lines) + "\n").encode()
            return records["data"]
        if name == "manifest.json":
            manifest = json.loads(data)
            for entry in manifest["data"]:
                if entry["name"] == "data/2-records.jsonl":
                    entry["sha256"] = hashlib.sha256(records["data"]).hexdigest()
                    entry["size"] = len(records["data"])
            return json.dumps(manifest).encode()
        if name == SIGNATURE and signature is not None:
            return signature
        return data

    return rewrite(archive, target, change)


def test_an_archive_whose_rows_and_hashes_were_changed_is_refused(
    editor_archive, settings, tmp_path
):
    tampered = make_editor_superuser(editor_archive, tmp_path / "tampered.tar.gz")
    empty_site(settings)

    with pytest.raises(CommandError, match=r"signature does not match .*altered"):
        restore(tampered)
    assert_nothing_restored(settings)


def test_an_archive_whose_signature_was_removed_is_refused(editor_archive, settings, tmp_path):
    tampered = make_editor_superuser(editor_archive, tmp_path / "tampered.tar.gz")
    unsigned = tmp_path / "unsigned.tar.gz"
    with tarfile.open(tampered, "r:gz") as source, tarfile.open(unsigned, "w:gz") as copy:
        for member in source:
            if member.name != SIGNATURE:
                copy.addfile(member, source.extractfile(member))
    empty_site(settings)

    with pytest.raises(CommandError, match="is not signed"):
        restore(unsigned)
    assert_nothing_restored(settings)


def test_an_archive_signed_with_another_key_is_refused(editor_archive, settings, tmp_path):
    empty_site(settings)
    settings.BACKUP_SIGNING_KEY = "another site's key"

    with pytest.raises(CommandError, match="signed with another key"):
        restore(editor_archive)
    assert_nothing_restored(settings)


def test_trust_unsigned_restores_the_tampered_archive_when_asked(
    editor_archive, settings, tmp_path, django_user_model
):
    tampered = make_editor_superuser(editor_archive, tmp_path / "tampered.tar.gz")
    empty_site(settings)

    output = restore(tampered, "--trust-unsigned")

    assert "signature not checked" in output
    assert django_user_model.objects.get(username="editor").is_superuser


def test_a_signed_archive_restores_with_the_key_it_was_made_with(
    site, settings, tmp_path, django_user_model
):
    settings.BACKUP_SIGNING_KEY = "k" * 40
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    empty_site(settings)

    assert "signed, every checksum matches" in restore(path)
    assert Meeting.objects.count() == 1


def test_production_settings_make_no_unsigned_backup(site, settings, tmp_path):
    settings.BACKUP_SIGNING_KEY = ""
    settings.BACKUP_SIGNING_KEY_FROM_SECRET_KEY = False
    path = tmp_path / "backup.tar.gz"

    with pytest.raises(CommandError, match="No BACKUP_SIGNING_KEY"):
        call_command("backup", "--output", str(path), stdout=io.StringIO())
    assert not path.exists()
    assert not list(tmp_path.glob("*.partial"))
