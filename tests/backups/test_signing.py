"""Signed backups: an archive whose rows were changed, whose signature was removed or that was
signed with another key is refused unless --trust-unsigned is given."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from backups.signing import SIGNATURE
from meetings.models import Meeting
from tests.backups.archives import (
    assert_nothing_restored,
    assert_refused,
    empty_site,
    restore,
    rewrite,
)

pytestmark = pytest.mark.django_db


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

    assert_refused(tampered, settings, r"signature does not match .*altered")


def test_an_archive_whose_signature_was_removed_is_refused(editor_archive, settings, tmp_path):
    tampered = make_editor_superuser(editor_archive, tmp_path / "tampered.tar.gz")
    unsigned = tmp_path / "unsigned.tar.gz"
    with tarfile.open(tampered, "r:gz") as source, tarfile.open(unsigned, "w:gz") as copy:
        for member in source:
            if member.name != SIGNATURE:
                copy.addfile(member, source.extractfile(member))

    assert_refused(unsigned, settings, "is not signed")


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
