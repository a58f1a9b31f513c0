"""What the backup tests share: an emptied site, restoring through the command, and rewriting
an archive member by member; a damaged archive refused."""

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from backups.restore import existing_records, flush_database
from backups.signing import SIGNATURE, signature_member


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


def assert_refused(damaged, settings, message):
    """Restoring the damaged archive on an empty site fails with the message and writes nothing."""
    empty_site(settings)
    with pytest.raises(CommandError, match=message):
        restore(damaged)
    assert_nothing_restored(settings)
