"""Writing a backup (`manage.py backup`): the database dumped as fixtures in one read transaction,
the media files its rows refer to, and the manifest, into one .tar.gz (`format.py`)."""

import dataclasses
import datetime
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .format import (
    FORMAT,
    MANIFEST,
    NATURAL_KEY_MODELS,
    NATURAL_KEYS_FIXTURE,
    RECORDS_FIXTURE,
    VERSION,
    BackupError,
    HashingReader,
    backed_up_models,
    many_to_many_tables,
    row_counts,
)
from .signing import SIGNATURE, require_key, signature_member


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times with their microseconds: DjangoJSONEncoder keeps milliseconds only, as ECMAScript."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def applied_migrations():
    applied = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}


def file_fields(model):
    """The attnames of a model's file fields; a historical model keeps them as text."""
    tracked = getattr(model, "instance_type", None)  # set on django-simple-history's models
    fields = (tracked or model)._meta.concrete_fields
    return [field.attname for field in fields if isinstance(field, models.FileField)]


def referenced_files():
    """(names the records use, names only their history still uses)."""
    current, history = set(), set()
    for model in backed_up_models():
        found = history if hasattr(model, "instance_type") else current
        for attname in file_fields(model):
            names = model._base_manager.exclude(**{attname: ""}).values_list(attname, flat=True)
            found.update(name for name in names.distinct() if name)
    return current, history - current


def default_archive_path():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"backup-{stamp}.tar.gz"


@dataclasses.dataclass
class BackupReport:
    path: Path
    records: int
    models: int
    files: int
    file_bytes: int
    missing: list  # names the records use that storage no longer has


def dump_database(workdir):
    """Write both fixtures into workdir; return them with the counts, migrations and files."""
    natural = [m for m in backed_up_models() if m in NATURAL_KEY_MODELS]
    others = [m for m in backed_up_models() if m not in NATURAL_KEY_MODELS]
    fixtures = [
        (NATURAL_KEYS_FIXTURE, natural, True),
        (RECORDS_FIXTURE, others, False),
    ]
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every query below, as pg_dump takes.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for name, model_list, natural_primary in fixtures:
            ordered = serializers.sort_dependencies([(None, model_list)], allow_cycles=True)
            with open(workdir / Path(name).name, "w", encoding="utf-8") as stream:
                serializers.serialize(
                    "jsonl",
                    rows_of(ordered),
                    stream=stream,
                    cls=ExactJSONEncoder,
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=natural_primary,
                )
        return {
            "fixtures": [(name, workdir / Path(name).name) for name, _, _ in fixtures],
            "counts": row_counts(backed_up_models()),
            "relations": row_counts(many_to_many_tables()),
            "migrations": applied_migrations(),
            "files": referenced_files(),
        }


def rows_of(ordered_models):
    for model in ordered_models:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator()


def add_member(tar, arcname, fileobj, size):
    info = tarfile.TarInfo(arcname)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    reader = HashingReader(fileobj)
    tar.addfile(info, reader)
    return {"size": size, "sha256": reader.digest.hexdigest()}


def create_backup(path):
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; name another file with --output.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial")
    require_key()  # refused before any work, not after the dump
    created_at = timezone.now()
    with tempfile.TemporaryDirectory(prefix="backup-") as workdir:
        dump = dump_database(Path(workdir))
        current, history = dump["files"]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": created_at.isoformat(),
            "django": django.get_version(),
            "database": connection.vendor,
            "migrations": dump["migrations"],
            "counts": dump["counts"],
            "relations": dump["relations"],
            "data": [],
            "files": [],
            "missing_files": [],
        }
        # Written under another name first: an archive with the final name is always whole.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar,
            ):
                for name, fixture in dump["fixtures"]:
                    with open(fixture, "rb") as source:
                        entry = add_member(tar, name, source, fixture.stat().st_size)
                    manifest["data"].append({"name": name, **entry})
                for name in sorted(current | history):
                    if not default_storage.exists(name):
                        referenced_by = "records" if name in current else "history"
                        manifest["missing_files"].append(
                            {"name": name, "referenced_by": referenced_by}
                        )
                        continue
                    with default_storage.open(name, "rb") as source:
                        entry = add_member(tar, f"media/{name}", source, default_storage.size(name))
                    manifest["files"].append({"name": name, **entry})
                content = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                add_member(tar, MANIFEST, io.BytesIO(content), len(content))
                signature = signature_member(content)
                add_member(tar, SIGNATURE, io.BytesIO(signature), len(signature))
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupReport(
        path=path,
        records=sum(manifest["counts"].values()),
        models=len(manifest["counts"]),
        files=len(manifest["files"]),
        file_bytes=sum(entry["size"] for entry in manifest["files"]),
        missing=[m["name"] for m in manifest["missing_files"] if m["referenced_by"] == "records"],
    )
