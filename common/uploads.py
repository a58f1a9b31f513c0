"""What users may upload: files checked by their content against an allowlist, stored under
unguessable names, images re-encoded.

A file is taken for what its bytes say (the `filetype` library reads the signatures), and its
name's extension must agree: an HTML page called report.pdf is refused like report.html. Only
documents (PDF, Office) and photos (JPEG, PNG, GIF, WebP) are allowed: nothing a browser would
run, so a file served from the site's own origin can never act in a visitor's session.
"""

import os
import secrets
import zipfile

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from common import images
from common.kept_files import KeptFileFieldMixin

# kind: the extensions a file of that kind may carry.
DOCUMENTS = {
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "ole2": {"doc", "xls", "ppt"},
}
IMAGES = {"jpeg": {"jpg", "jpeg"}, "png": {"png"}, "gif": {"gif"}, "webp": {"webp"}}

FILETYPE_KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/zip": "zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "zip",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "zip",
    "application/msword": "ole2",
    "application/vnd.ms-excel": "ole2",
    "application/vnd.ms-powerpoint": "ole2",
}
# filetype names an OLE2 file only when it finds Word's or Excel's marks at fixed offsets, which
# files saved by WPS or LibreOffice lack; the compound-file signature itself is certain.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The part an OOXML package's [Content_Types].xml points at lives in one folder per application.
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
HEAD_BYTES = 8192

ALLOWED_NAMES = {
    "documents": _("PDF、Word、Excel、PowerPoint 文件或 JPEG、PNG、GIF、WebP 图片"),
    "images": _("JPEG、PNG、GIF 或 WebP 图片"),
}


def detect(file):
    """The kind of `file` read from its bytes: a key of DOCUMENTS or IMAGES, or None."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    guess = filetype.guess(head)
    kind = FILETYPE_KINDS.get(guess.mime) if guess else None
    if kind is None and head.startswith(OLE2_SIGNATURE):
        kind = "ole2"
    if kind == "zip":
        kind = ooxml_kind(file)
    return kind


def ooxml_kind(file):
    """docx/xlsx/pptx when the zip really is that Office package, else None."""
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for kind, folder in OOXML_FOLDERS.items():
        if any(name.startswith(folder) for name in names):
            return kind
    return None


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_upload(file, allowed):
    """Raise ValidationError unless `file` is of an allowed kind and its name agrees."""
    if file.size is not None and file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("文件过大：最多 %(limit)d MB，请压缩或拆分后再上传。"),
            code="file_too_large",
            params={"limit": settings.UPLOAD_MAX_BYTES // 2**20},
        )
    extension = extension_of(file.name)
    kinds = DOCUMENTS | IMAGES if allowed == "documents" else IMAGES
    kind = detect(file)
    if kind not in kinds:
        raise ValidationError(
            _("不支持此类文件：只能上传%(allowed)s。"),
            code="file_type",
            params={"allowed": ALLOWED_NAMES[allowed]},
        )
    if extension not in kinds[kind]:
        raise ValidationError(
            _("文件扩展名“.%(extension)s”与内容（%(kind)s）不符，请改用正确的扩展名。"),
            code="file_extension",
            params={"extension": extension, "kind": kind.upper()},
        )
    if kind in IMAGES:
        images.check_image(file)
    return kind


def reencoded_upload(file):
    """The image upload written afresh; one Pillow cannot decode whole is refused here."""
    try:
        upload = images.reencoded(file, file.name)
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(_("图片文件已损坏或无法识别。"), code="invalid_image") from None
    upload.reencoded = True  # so that saving it does not encode it again
    return upload


@deconstructible
class RandomPath:
    """upload_to: `<folder>/<random token>/<original name>`, a name no one can guess.

    The original (sanitised) name stays last, so a download keeps the name it was uploaded with.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        name = get_valid_filename(os.path.basename(filename)) or "file"
        stem, extension = os.path.splitext(name)
        return f"{self.folder}/{secrets.token_urlsafe(16)}/{stem[:80]}{extension.lower()}"

    def __eq__(self, other):
        return isinstance(other, RandomPath) and other.folder == self.folder


class NamedFileInputMixin:
    """A file input named by its field's label. The admin sets a file input in a fieldset whose
    legend names the group (the input, the current file and its clear box), not the input."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.label:
            attrs.setdefault("aria-label", self.label)
        return attrs


class CheckedFileFormField(NamedFileInputMixin, KeptFileFieldMixin, forms.FileField):
    def __init__(self, *args, allowed="documents", **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None and check_upload(file, self.allowed) in IMAGES:
            return reencoded_upload(file)
        return file


class CheckedImageFormField(NamedFileInputMixin, KeptFileFieldMixin, forms.ImageField):
    def to_python(self, data):
        # The checks read only the file's header, so a decompression bomb is refused before
        # Django's own image check opens it.
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        check_upload(file, "images")
        return reencoded_upload(super().to_python(data))


def sanitise(field_file):
    """Re-encode a new image before it is stored, however it was saved (forms do it first)."""
    if not field_file or field_file._committed or getattr(field_file.file, "reencoded", False):
        return
    if detect(field_file.file) in IMAGES:
        field_file.file = images.reencoded(field_file.file, field_file.name)


class CheckedFileMixin:
    """A file field whose uploads are checked by `form_class` and re-encoded when images."""

    form_class = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": self.form_class, **kwargs})

    def pre_save(self, model_instance, add):
        sanitise(getattr(model_instance, self.attname))
        return super().pre_save(model_instance, add)


class DocumentField(CheckedFileMixin, models.FileField):
    """An attachment: a document or an image, checked, renamed, images re-encoded."""

    form_class = CheckedFileFormField


class PhotoField(CheckedFileMixin, models.ImageField):
    """A photo or logo: JPEG, PNG, GIF or WebP only, re-encoded and downscaled on upload."""

    form_class = CheckedImageFormField
