"""A revision's files are written whole or not at all, under their final names.

A worker killed while writing left a partial file, and the next publishing, finding the name
taken, wrote a second name beside it. Files are now written under a temporary name and moved
into place; what a killed publishing left in the folder of the revision number it was writing
is removed before that number is written again (no committed revision owns it yet).
"""

import os
import tempfile

from django.core.files.base import ContentFile

from ..models.publishing import revision_path


def _folder(revision):
    return os.path.dirname(revision_path(revision, "x"))


def clear_revision_files(revision):
    storage = revision.html.storage
    folder = _folder(revision)
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")


def save_revision_file(field_file, filename, content):
    """Store `content` as `filename` in the revision's folder, atomically where the disk allows."""
    storage = field_file.storage
    name = revision_path(field_file.instance, filename)
    try:
        final = storage.path(name)
    except NotImplementedError:  # an object store: each upload appears whole or not at all
        field_file.name = storage.save(name, ContentFile(content))
        return
    os.makedirs(os.path.dirname(final), exist_ok=True)
    # A hidden temporary file beside the final one: os.replace() is atomic on one file system.
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(final), prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, getattr(storage, "file_permissions_mode", None) or 0o644)
        os.replace(temporary, final)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    field_file.name = name
