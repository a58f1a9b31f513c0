"""Files on their way into an import: the upload stopped at IMPORT_MAX_BYTES while it streams in,
and the copy django-import-export keeps between the preview and the confirmation removed whatever
the outcome (an abandoned preview's copy when it has waited IMPORT_PREVIEW_MAX_AGE_SECONDS)."""

import contextlib
import os
import time
from functools import wraps
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from import_export.tmp_storages import BaseStorage

PREVIEW_SUFFIX = ".upload"
DRAIN_CHUNK_BYTES = 2**16


def upload_refused_message():
    return _("文件超过上限 %(limit)d MB，没有上传：请分成几个文件导入。") % {
        "limit": settings.IMPORT_MAX_BYTES // 2**20
    }


class ImportUploadHandler(FileUploadHandler):
    """Stops the upload once a file passes IMPORT_MAX_BYTES: nothing more is kept in memory or on
    disk, and the request is marked so that the page says why."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.IMPORT_MAX_BYTES:
            self.request.import_upload_refused = True
            # Django would read the rest line by line, and a line may be the whole body.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the handlers after this one keep the file


def limit_import_upload(view):
    """`view` with its uploads limited. The handler must be in place before the body is read,
    and the CSRF middleware reads it first: the view (the admin's) checks CSRF itself instead."""

    @csrf_exempt
    @wraps(view)
    def limited(request, *args, **kwargs):
        request.upload_handlers.insert(0, ImportUploadHandler(request))
        response = view(request, *args, **kwargs)
        if getattr(request, "import_upload_refused", False):
            # The rest of the body, read and dropped chunk by chunk, so that the browser that
            # is still sending it gets the answer.
            while request.read(DRAIN_CHUNK_BYTES):
                pass
        return response

    return limited


class PreviewStorage(BaseStorage):
    """django-import-export's temporary copy of a previewed file, in a folder of its own where
    what an abandoned preview leaves can be found and removed, under a name of ours only."""

    def save(self, data):
        self.name = f"{uuid4().hex}{PREVIEW_SUFFIX}"
        folder = Path(settings.IMPORT_PREVIEW_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        self.path().write_bytes(data)

    def read(self):
        return self.path().read_bytes()

    def remove(self):
        with contextlib.suppress(FileNotFoundError):  # not a name of ours: nothing to remove
            self.path().unlink(missing_ok=True)

    def path(self):
        # The name comes back from the confirmation form: only a file of this folder is read.
        name = os.path.basename(self.name or "")
        if not name.endswith(PREVIEW_SUFFIX):
            raise FileNotFoundError(name)
        return Path(settings.IMPORT_PREVIEW_DIR) / name


def remove_old_previews():
    """Remove the copies of previews nobody confirmed; returns how many there were."""
    folder = Path(settings.IMPORT_PREVIEW_DIR)
    if not folder.is_dir():
        return 0
    cutoff = time.time() - settings.IMPORT_PREVIEW_MAX_AGE_SECONDS
    removed = 0
    for path in folder.glob(f"*{PREVIEW_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):  # confirmed meanwhile
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed
