"""The backup archive's format, shared by writing (`archive.py`) and restoring (`restore.py`).

An archive is a .tar.gz holding
- `data/1-natural-keys.jsonl`: content types, permissions and groups, identified by their natural
  keys. `migrate` creates these rows itself (groups through `accounts.roles`), with ids of its own,
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

Also here: the models a backup holds, their row counts, and the SHA-256 hashing of members.
"""

import hashlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session

FORMAT = "standards-bulletin-backup"
VERSION = 1
MANIFEST = "manifest.json"
NATURAL_KEYS_FIXTURE = "data/1-natural-keys.jsonl"
RECORDS_FIXTURE = "data/2-records.jsonl"
CHUNK = 1024 * 1024

# Rows that `migrate` creates in every database; restored by natural key, never by id.
NATURAL_KEY_MODELS = (ContentType, Permission, Group)
LEFT_OUT = (Session,)


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
