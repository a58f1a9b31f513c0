"""Uploaded files served through Django, each only to whoever may see the record that holds it.

A file is served only when a registered model's file field holds its name (so uploaded
spreadsheets, frozen issues and anything else in storage are never served from here) and the
record is visible to the user. The apps register their fields in their AppConfig.ready(), so
common knows no domain model. Every response is inert: `nosniff`, a `sandbox` policy (a page
opened from here runs no script and has no origin), and documents are downloads.

With MEDIA_ACCEL_REDIRECT set (e.g. "/protected-media/") the proxy sends the file itself: the
answer names it in `X-Accel-Redirect` for nginx's internal location (docs/deploy.md).
"""

import mimetypes
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from common.images import RENDITIONS, original_of

INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


@dataclass(frozen=True)
class MediaOwner:
    model: str  # "app_label.ModelName"
    field: str
    visible: Callable  # (record, user) -> bool


_owners = []


def register(model, field, visible):
    """Serve the files of `model`'s `field` to the users for whom `visible(record, user)`."""
    owner = MediaOwner(model, field, visible)
    if owner not in _owners:
        _owners.append(owner)


def owner_of(name):
    """(owner, record) of the registered record whose file is `name`, or (None, None)."""
    for owner in _owners:
        model = apps.get_model(owner.model)
        record = model._default_manager.filter(**{owner.field: name}).first()
        if record is not None:
            return owner, record
    return None, None


def clean_name(path):
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "..")) or "\\" in name or "\x00" in name:
        raise Http404
    return name


@require_safe
def serve(request, path):
    name = clean_name(path)
    # A rendition is served to whoever may see the image it was made from.
    owner, record = owner_of(original_of(name) if name.startswith(RENDITIONS) else name)
    if record is None or not owner.visible(record, request.user):
        raise Http404
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    filename = posixpath.basename(name)
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(default_storage.open(name), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if owner.visible(record, AnonymousUser()):
        patch_cache_control(response, private=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
