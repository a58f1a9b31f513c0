"""A list's full download as a published file: written once per content generation, then sent
from storage with its ETag and Content-Length.

Most downloads are of a whole list, and writing 100,000 rows costs seconds of CPU; every visitor
asking for the same bytes should not pay it again. A file is written for the content generation
(common.caching: a new one starts with every change of the records) and the day (a comment
request's state changes overnight), by a background task, in each language. Until the file of
the current generation is written, the download is the previous file if there is one, else the
streamed one, so an edit never turns a download into an error. Filtered downloads are streamed
as they always were.

What is published where is kept beside the page cache's generation, in the same shared cache;
if it is lost the files are written again, since everything in them comes from the records.
"""

import hashlib
import logging
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.module_loading import import_string

from .caching import generation, page_cache
from .exports import FORMATS, write_download

logger = logging.getLogger(__name__)

FOLDER = "downloads"
# Longer than the slowest file takes to write; a build that died frees its claim after it.
BUILD_CLAIM_SECONDS = 15 * 60


def edition():
    """What a file must have been written for to be current: the generation and the day."""
    return [generation(), timezone.localdate().isoformat()]


def _key(name, format, language):
    return f"downloads:{name}:{language}:{format}"


def published(name, format, language):
    """The record of the newest file written ({"edition", "path", "etag", "size", "written"}),
    or None."""
    return (page_cache().get(_key(name, format, language)) or {}).get("current")


def write(name, format, language, view_path):
    """Write the list's full download for the current edition and publish it."""
    view_class = import_string(view_path)
    wanted = edition()
    digest = hashlib.sha256()
    with translation.override(language), tempfile.TemporaryFile() as spool:
        resource, rows = view_class.resource_class(), view_class.full_queryset()
        write_download(format, resource, rows, view_class.download_filename(), spool)
        size = spool.tell()
        spool.seek(0)
        for block in iter(lambda: spool.read(1 << 20), b""):
            digest.update(block)
        spool.seek(0)
        stored = default_storage.save(
            f"{FOLDER}/{name}-{language}-{wanted[0]}-{wanted[1]}.{format}", File(spool)
        )
    record = {
        "edition": wanted,
        "path": stored,
        "etag": quote_etag(digest.hexdigest()),
        "size": size,
        "written": timezone.now().timestamp(),
    }
    _publish(_key(name, format, language), record)
    return record


def _publish(key, record):
    """Make `record` the current file unless a newer one is already; the one before the
    previous is deleted (the previous may still be being sent)."""
    cache = page_cache()
    entry = cache.get(key) or {}
    current = entry.get("current")
    if current and current["edition"] >= record["edition"]:
        default_storage.delete(record["path"])
        return
    if previous := entry.get("previous"):
        default_storage.delete(previous["path"])
    cache.set(key, {"current": record, "previous": current}, timeout=None)


def _claim(name, format, language, wanted):
    return f"downloads:writing:{name}:{language}:{format}:{wanted[0]}:{wanted[1]}"


def release_claim(name, format, language, wanted):
    page_cache().delete(_claim(name, format, language, wanted))


def request_write(name, format, language, view_path, wanted):
    """Queue the file's writing for the edition `wanted`, once however many ask for it."""
    from .tasks import write_download_file  # the task module imports this one

    if page_cache().add(_claim(name, format, language, wanted), True, BUILD_CLAIM_SECONDS):
        transaction.on_commit(
            lambda: write_download_file.enqueue(name, format, language, view_path, wanted),
            robust=True,
        )


def response(request, name, format, view_path, filename):
    """The published file's response, or None when there is none to send (then stream)."""
    language, wanted = translation.get_language(), edition()
    record = published(name, format, language)
    if record is None or record["edition"] != wanted:
        request_write(name, format, language, view_path, wanted)
        # The immediate backend (development) has written it by now; a worker, later.
        record = published(name, format, language) or record
    if record is None:
        return None
    # Answered before the file is opened: ConditionalGetMiddleware would answer the same, but
    # after, and leave the file open.
    written = int(record["written"])
    conditional = get_conditional_response(request, etag=record["etag"], last_modified=written)
    if conditional is not None:
        conditional["ETag"] = record["etag"]
        return conditional
    try:
        file = default_storage.open(record["path"], "rb")
    except FileNotFoundError:
        logger.warning("The published download %s is gone; streaming it", record["path"])
        return None
    answer = FileResponse(
        file, as_attachment=True, filename=f"{filename}.{format}", content_type=FORMATS[format]
    )
    answer["Content-Length"] = str(record["size"])
    answer["ETag"] = record["etag"]
    answer["Last-Modified"] = http_date(written)
    return answer
