"""Backups: the database and the media files it refers to in one archive, and back again.

An archive is a .tar.gz holding
- `data/1-natural-keys.jsonl`: content types, permissions and groups, identified by their natural
  keys. `migrate` creates these rows itself (groups through `bulletin.roles`), with ids of its own,
  so they are matched by name on restore instead of by id.
- `data/2-records.jsonl`: every other row of every installed app, with its id: the records, their
  history (django-simple-history), users, the admin log, task results (a job queued when the
  backup was made still runs after a restore, and `RenderJob`/`ImportJob` name their task by id)
  and django-axes' login records. References to the rows of the first file use natural keys.
  Sessions are left out: they are logins, not data, and a restored copy must not keep anyone
  logged in.
- `media/<name>`: each file a `FileField` refers to, read through `default_storage`, including
  earlier files that only the history still names, when storage still has them.
- `manifest.json`, written last: format version, creation time, applied migrations per app, row
  counts per model and per many-to-many table, and the size and SHA-256 of every other member.

The rows are written as JSON Lines by Django's serializer, one at a time, inside one read
transaction so that the rows and the file names come from the same moment; `loaddata` reads them
back one line at a time too.
"""

import dataclasses
import datetime
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import zlib
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "standards-bulletin-backup"
VERSION = 1
MANIFEST = "manifest.json"
NATURAL_KEYS_FIXTURE = "data/1-natural-keys.jsonl"
RECORDS_FIXTURE = "data/2-records.jsonl"
CHUNK = 1024 * 1024

# Rows that `migrate` creates in every database; restored by natural key, never by id.
NATURAL_KEY_MODELS = (ContentType, Permission, Group)
LEFT_OUT = (Session,)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times with their microseconds: DjangoJSONEncoder keeps milliseconds only, as ECMAScript."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup or restore that cannot go on; nothing was written."""


def backed_up_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model not in LEFT_OUT
    ]


def many_to_many_tables():
    """The tables Django creates for the backed-up models' many-to-many fields."""
    return [
        field.remote_field.through
        for model in backed_up_models()
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def row_counts(models):
    return {model._meta.label: model._base_manager.count() for model in models}


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


def copy_hashing(source, target):
    """Copy a file object into the file target; return its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += out.write(chunk)
    return digest.hexdigest(), size


def sha256_of(fileobj):
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    """Reads a file for tarfile and hashes what it read."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.fileobj.read(size)
        self.digest.update(chunk)
        return chunk


def megabytes(size):
    return f"{size / 2**20:.1f} MB"


def default_archive_path():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"backup-{stamp}.tar.gz"


# Backing up ------------------------------------------------------------------------------------


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


# Reading an archive ----------------------------------------------------------------------------


@dataclasses.dataclass
class Archive:
    path: Path
    manifest: dict
    created_at: datetime.datetime
    fixtures: list  # extracted fixture paths, in loading order
    files: dict  # storage name -> extracted path


DATA_MEMBER = re.compile(r"data/[\w.-]+\.jsonl")


def read_archive(path, workdir):
    """Extract the archive into workdir and check it against its manifest, or raise BackupError.

    Everything is checked before anything is restored: a damaged or altered archive writes
    nothing.
    """
    path, workdir = Path(path), Path(workdir)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    (workdir / "data").mkdir()
    (workdir / "media").mkdir()
    manifest, found = None, {}
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(f"{path}: unexpected entry {member.name!r} in the archive.")
                if member.name in found or (member.name == MANIFEST and manifest is not None):
                    raise BackupError(f"{path}: {member.name!r} appears twice in the archive.")
                source = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.load(source)
                    continue
                if DATA_MEMBER.fullmatch(member.name):
                    target = workdir / member.name
                elif member.name.startswith("media/"):
                    target = workdir / "media" / str(len(found))
                else:
                    raise BackupError(f"{path}: unexpected entry {member.name!r} in the archive.")
                found[member.name] = (target, *copy_hashing(source, target))
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as error:
        # ValueError covers a manifest that is not JSON.
        raise BackupError(f"{path} is damaged or not a backup archive: {error}") from error

    if not isinstance(manifest, dict):
        raise BackupError(f"{path} has no manifest: it is not a backup archive, or incomplete.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path} is not a backup of this site (format {manifest.get('format')!r})."
        )
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is in backup format version {manifest.get('version')!r}; this version of "
            f"the site reads version {VERSION}."
        )
    try:
        expected = {entry["name"]: entry for entry in manifest["data"]}
        expected.update({f"media/{entry['name']}": entry for entry in manifest["files"]})
        created_at = datetime.datetime.fromisoformat(manifest["created_at"])
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(f"{path}: the manifest is damaged ({error!r}).") from error
    if not all(
        isinstance(manifest.get(key), dict) for key in ("counts", "relations", "migrations")
    ):
        raise BackupError(f"{path}: the manifest lacks its row counts or migrations.")

    problems = []
    for entry in manifest["files"]:
        try:
            validate_file_name(entry["name"], allow_relative_path=True)
        except SuspiciousFileOperation:
            problems.append(f"media/{entry['name']}: not a file name storage accepts")
    for name, entry in expected.items():
        if name not in found:
            problems.append(f"{name}: missing from the archive")
        elif found[name][1:] != (entry["sha256"], entry["size"]):
            problems.append(f"{name}: checksum mismatch (altered or damaged)")
    problems += [f"{name}: not in the manifest" for name in found.keys() - expected.keys()]
    if problems:
        shown = "\n  ".join(sorted(problems)[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BackupError(
            f"{path} does not match its manifest; nothing was restored:\n  {shown}{more}"
        )
    return Archive(
        path=path,
        manifest=manifest,
        created_at=created_at,
        fixtures=[found[entry["name"]][0] for entry in manifest["data"]],
        files={entry["name"]: found[f"media/{entry['name']}"][0] for entry in manifest["files"]},
    )


# Restoring -------------------------------------------------------------------------------------


@dataclasses.dataclass
class RestoreReport:
    records: int
    models: int
    files_written: int
    files_present: int
    migrated: bool
    replaced: dict  # rows per model that --force deleted first


def migration_problems(recorded):
    """Why the archive's schema differs from this code's, if it does."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    problems = []
    for app_label, names in sorted(recorded.items()):
        unknown = [name for name in names if (app_label, name) not in known]
        if unknown:
            problems.append(
                f"{app_label}: the archive has migrations this code does not know "
                f"({', '.join(unknown)}): it was made by a newer or another version"
            )
    for app_label, name in sorted(loader.graph.leaf_nodes()):
        if name not in recorded.get(app_label, ()):
            problems.append(
                f"{app_label}: migration {name} was not applied when the archive was made: it "
                f"was made by an older version"
            )
    return problems


def existing_records():
    """Rows per model already in the database, leaving out those `migrate` itself creates."""
    tables = set(connection.introspection.table_names())
    found = {}
    for model in backed_up_models():
        if model in NATURAL_KEY_MODELS or model._meta.db_table not in tables:
            continue
        count = model._base_manager.count()
        if count:
            found[model._meta.label] = count
    return found


def conflicting_files(archive):
    """(names storage already has with the same bytes, names it has with other bytes)."""
    same, different = set(), set()
    for entry in archive.manifest["files"]:
        name = entry["name"]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                (same if sha256_of(stored) == entry["sha256"] else different).add(name)
    return same, different


def flush_database():
    """Delete every row, as `manage.py flush`; `migrate`'s own rows are created again."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # TRUNCATE refuses a table with foreign key checks still pending in this transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def pending_migrations():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def refusal(existing, different):
    lines = []
    if existing:
        largest = sorted(existing.items(), key=lambda item: -item[1])[:4]
        examples = ", ".join(f"{label} {n}" for label, n in largest)
        lines.append(
            f"The database already holds {sum(existing.values())} rows in {len(existing)} "
            f"models ({examples} …)."
        )
    if different:
        lines.append(
            f"Storage already has {len(different)} of the archive's files with other content "
            f"({sorted(different)[0]} …)."
        )
    return " ".join(
        [
            *lines,
            "Nothing was restored. Restore into an empty database and storage, or run again "
            "with --force to delete everything in this database and put the archive's contents "
            "in its place, overwriting any of its files that storage holds with other content.",
        ]
    )


def restore_backup(archive, *, force=False):
    problems = migration_problems(archive.manifest["migrations"])
    if problems:
        raise BackupError(
            "The archive's database schema differs from this code's; nothing was restored:\n  "
            + "\n  ".join(problems)
            + "\nRestore it with the version of the site that made it, then upgrade as usual."
        )
    existing = existing_records()
    present, different = conflicting_files(archive)
    if (existing or different) and not force:
        raise BackupError(refusal(existing, different))

    migrated = bool(pending_migrations())
    if migrated:
        call_command("migrate", interactive=False, verbosity=0)

    written = []
    try:
        with transaction.atomic():
            if existing:
                # --force: the archive replaces the database as a whole, not row by row.
                flush_database()
            try:
                call_command("loaddata", *archive.fixtures, verbosity=0)
            except (DatabaseError, serializers.base.DeserializationError, ValueError) as error:
                raise BackupError(
                    f"Loading the records failed; nothing was restored: {error}"
                ) from error
            check_counts({**archive.manifest["counts"], **archive.manifest["relations"]})
            for name, extracted in archive.files.items():
                if name in present:
                    continue
                if name in different:
                    default_storage.delete(name)
                with open(extracted, "rb") as source:
                    saved = default_storage.save(name, File(source, name=name))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"Storage saved {name} as {saved}; nothing was restored.")
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return RestoreReport(
        records=sum(archive.manifest["counts"].values()),
        models=len(archive.manifest["counts"]),
        files_written=len(written),
        files_present=len(present),
        migrated=migrated,
        replaced=existing,
    )


def check_counts(expected):
    tables = backed_up_models() + many_to_many_tables()
    restored = row_counts(tables)
    # migrate creates the content types, permissions and groups of this code's models and roles,
    # so the database may hold more of those rows than the archive, never fewer.
    at_least = {
        model._meta.label
        for model in tables
        if (model._meta.auto_created or model) in NATURAL_KEY_MODELS
    }
    problems = [
        f"{label}: {restored.get(label, 'no such model')} rows, the archive has {count}"
        for label, count in sorted(expected.items())
        if restored.get(label) != count
        and not (label in at_least and restored.get(label, -1) >= count)
    ]
    problems += [
        f"{label}: {count} rows, none in the archive"
        for label, count in sorted(restored.items())
        if label not in expected and label not in at_least and count
    ]
    if problems:
        raise BackupError(
            "The restored rows do not match the archive's counts; nothing was restored:\n  "
            + "\n  ".join(problems)
        )
