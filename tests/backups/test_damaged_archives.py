"""`manage.py restore` of a damaged archive: refused, and nothing written."""

import json

import pytest

from tests.backups.archives import assert_refused, rewrite

pytestmark = pytest.mark.django_db


def test_a_truncated_archive_is_refused_and_nothing_written(archive, settings, tmp_path):
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])

    assert_refused(truncated, settings, "damaged")


def test_an_altered_file_fails_its_checksum_and_nothing_is_written(
    archive, site, settings, tmp_path
):
    def alter(name, data):
        return data.replace(b"minutes", b"MINUTES") if name.startswith("media/") else data

    altered = rewrite(archive, tmp_path / "altered.tar.gz", alter)

    assert_refused(altered, settings, f"media/{site.file.name}: checksum mismatch")


def test_altered_rows_fail_their_checksum(archive, settings, tmp_path):
    def alter(name, data):
        return data.replace("测试".encode(), "篡改".encode()) if name.startswith("data/") else data

    altered = rewrite(archive, tmp_path / "altered.tar.gz", alter)

    assert_refused(altered, settings, r"data/2-records\.jsonl: checksum mismatch")


def test_an_archive_made_before_a_migration_is_refused(archive, settings, tmp_path):
    def forget_last_meetings_migration(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["meetings"].pop()
        return json.dumps(manifest).encode()

    older = rewrite(archive, tmp_path / "older.tar.gz", forget_last_meetings_migration, resign=True)

    assert_refused(older, settings, r"meetings: migration .* older version")
