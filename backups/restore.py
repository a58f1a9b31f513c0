"""Restoring a backup (`manage.py restore`): reading an archive and checking it against its
manifest, then refusing, or migrating and loading the rows and files and checking the counts."""

import dataclasses
import datetime
import json
import re
import tarfile
import zlib
from pathlib import Path

from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from .format import (
    FORMAT,
    MANIFEST,
    NATURAL_KEY_MODELS,
    VERSION,
    BackupError,
    backed_up_models,
    copy_hashing,
    many_to_many_tables,
    row_counts,
    sha256_of,
)
from .signing import SIGNATURE, verify

# Reading an archive ----------------------------------------------------------------------------


@dataclasses.dataclass
class Archive:
    path: Path
    manifest: dict
    created_at: datetime.datetime
    fixtures: list  # extracted fixture paths, in loading order
    files: dict  # storage name -> extracted path


DATA_MEMBER = re.compile(r"data/[\w.-]+\.jsonl")


def read_archive(path, workdir, *, trust_unsigned=False):
    """Extract the archive into workdir and check its signature and its manifest, or raise
    BackupError; `trust_unsigned`: restore one whose signature is missing or does not match.

    Everything is checked before anything is restored: a damaged or altered archive writes
    nothing.
    """
    path, workdir = Path(path), Path(workdir)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    (workdir / "data").mkdir()
    (workdir / "media").mkdir()
    manifest, content, signature, found = None, None, None, {}
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(f"{path}: unexpected entry {member.name!r} in the archive.")
                if member.name in found or (
                    (member.name == MANIFEST and content is not None)
                    or (member.name == SIGNATURE and signature is not None)
                ):
                    raise BackupError(f"{path}: {member.name!r} appears twice in the archive.")
                source = tar.extractfile(member)
                if member.name in (MANIFEST, SIGNATURE):
                    data = source.read(64 * 2**20)  # a manifest, however many files, is smaller
                    if member.name == MANIFEST:
                        content, manifest = data, json.loads(data)
                    else:
                        signature = data
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
    if not trust_unsigned:
        verify(path, content, signature)
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
