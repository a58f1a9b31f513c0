"""Files chosen in a form that was refused for another field, kept for the form's next submission.

A browser cannot fill a file input in again, so without this the secretary who forgot a title
loses the attachment she chose, without a word. The refused page carries a signed token instead,
and the kept file comes back from it on the next submission as if uploaded anew: it goes through
the field's checks again (common.uploads) and is saved the usual way. The files wait outside
MEDIA_ROOT, under random names, and are removed a day later (KEPT_UPLOADS_MAX_AGE_SECONDS).
"""

# Not django-file-resubmit (nor its fork bw-file-resubmit): not installed, and it keeps files in a
# cache under unsigned keys, with widgets replacing the admin's; this is the small part we need.

import contextlib
import functools
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext as _

SALT = "common.kept_files"
KEPT_SUFFIX = ".kept"


def folder():
    return Path(settings.KEPT_UPLOADS_DIR)


def keep(upload):
    """Store a copy of `upload` for a later submission; returns the token that brings it back."""
    remove_old_files()
    folder().mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}{KEPT_SUFFIX}"
    with open(folder() / stored_name, "xb") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
    upload.seek(0)
    kept = {"file": stored_name, "name": upload.name, "type": upload.content_type}
    return signing.dumps(kept, salt=SALT)


def restore(token):
    """The file `token` stands for, as an upload; None for a forged, expired or stale token."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=settings.KEPT_UPLOADS_MAX_AGE_SECONDS)
        path = folder() / Path(kept["file"]).name
        content = path.read_bytes()
    except (signing.BadSignature, KeyError, TypeError, OSError):
        return None
    # In memory: a kept file passed the size check (UPLOAD_MAX_BYTES) when it was chosen.
    return SimpleUploadedFile(kept["name"], content, kept["type"])


def remove_old_files():
    """Remove the files kept longer than a token lives; returns how many there were."""
    if not folder().is_dir():
        return 0
    cutoff = time.time() - settings.KEPT_UPLOADS_MAX_AGE_SECONDS
    removed = 0
    for path in folder().glob(f"*{KEPT_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):  # removed by another request meanwhile
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


class KeepsChosenFile:
    """Mixed into a file widget: a file chosen in a refused form comes back with the next one.

    The file is copied only when the page is shown again, so a form saved at once costs nothing.
    """

    chosen = None  # the upload this widget received, or the kept file it brought back
    token = None  # the token of `chosen` once kept
    refused = False  # the field refused the file: it is not offered again

    @staticmethod
    def kept_name(name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, UploadedFile):
            self.chosen, self.token = value, None
        elif value is None:  # neither a new file nor "clear": the kept one, if any
            value = self.kept_file(data.get(self.kept_name(name)))
        return value

    def kept_file(self, token):
        if not token:
            return None
        if token != self.token:  # the form reads its data more than once: restore once
            self.chosen, self.token = restore(token), token
        if self.chosen is not None:
            self.chosen.seek(0)
        return self.chosen

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and (
            self.kept_name(name) not in data
        )

    def offered(self):
        return self.chosen is not None and not self.refused

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not self.offered()

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.offered():
            return html
        if self.token is None:
            self.token = keep(self.chosen)
        notice = _("已保留上次选择的文件：%(name)s（重新选择可替换）") % {"name": self.chosen.name}
        return format_html(
            '{}<input type="hidden" name="{}" value="{}"><div class="help kept-file">{}</div>',
            html,
            self.kept_name(name),
            self.token,
            notice,
        )


@functools.cache
def keeping_class(widget_class):
    return type(f"Keeping{widget_class.__name__}", (KeepsChosenFile, widget_class), {})


def keeping(widget):
    """`widget` able to keep a file. The admin brings its own file widget (AdminFileWidget), so
    the keeping is mixed into whichever class the field's own widget instance has."""
    if not isinstance(widget, KeepsChosenFile):
        widget.__class__ = keeping_class(type(widget))
    return widget


class KeptFileFieldMixin:
    """A form file field whose file, chosen in a refused form, is kept for the next one; one it
    refuses itself (wrong type, too large) is not."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget = keeping(self.widget)

    def clean(self, data, initial=None):
        try:
            return super().clean(data, initial)
        except ValidationError:
            self.widget.refused = True
            raise
