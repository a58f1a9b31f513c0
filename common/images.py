"""Photos made safe and small with Pillow: bombs refused from their header, uploads re-encoded,
and renditions of large stored images for the pages and the PDF.

A 177-megapixel photo decodes to half a gigabyte of pixels; its size is declared in the first
bytes of the file, so it is read there, before any pixel is. JPEGs are decoded at a reduced
scale (Pillow's draft mode), which costs a fraction of the full image.
"""

import io
import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
RENDITIONS = "renditions/"


def max_pixels():
    return settings.IMAGE_MAX_PIXELS


def max_side():
    return settings.IMAGE_MAX_SIDE


def opened(file):
    """The image with only its header read; a size past Pillow's own bomb limit is not an error
    here but is refused by the caller with a clear message."""
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(file)
        except Image.DecompressionBombError:
            return None


def check_image(file):
    """Raise ValidationError for what is not a photo we accept, without decoding it."""
    try:
        image = opened(file)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(_("图片文件已损坏或无法识别。"), code="invalid_image") from None
    finally:
        file.seek(0)
    if image is None or image.width * image.height > max_pixels():
        raise ValidationError(
            _("图片过大：最多 %(limit)d 百万像素，请缩小后再上传。"),
            code="image_too_large",
            params={"limit": max_pixels() // 1_000_000},
        )
    if image.format not in FORMATS:
        raise ValidationError(_("只能上传 JPEG、PNG、GIF 或 WebP 图片。"), code="image_format")


def decoded(file, side):
    """The image's pixels, upright, at least `side` on its long edge where the format allows
    decoding at a reduced scale, and no larger than `side`."""
    image = opened(file)
    if image is None:
        raise ValueError("image too large")
    if image.format == "JPEG":
        # The smallest scale that keeps the long side at `side` or more.
        ratio = side / max(image.size)
        target = (max(1, int(image.width * ratio)), max(1, int(image.height * ratio)))
        image.draft("RGB" if image.mode not in ("L", "CMYK") else image.mode, target)
    elif image.width * image.height > max_pixels():
        raise ValueError("image too large")
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    ImageOps.exif_transpose(image, in_place=True)
    return image


def encode(image, image_format):
    """`image` written afresh in `image_format`: no EXIF, no comments, no trailing bytes."""
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image_format == "GIF" and image.mode not in ("P", "L"):
        image = image.convert("P", palette=Image.Palette.ADAPTIVE)
    if image_format in ("PNG", "WEBP") and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    output = io.BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {}
    image.save(output, image_format, **options)
    return output.getvalue()


def reencoded(file, name):
    """An uploaded image as a new file of the same format, metadata stripped and downscaled."""
    image_format = opened(file).format
    data = encode(decoded(file, max_side()), image_format)
    return SimpleUploadedFile(os.path.basename(name), data, Image.MIME[image_format])


def rendition_url(field_file, side=None):
    """The URL of `field_file` small enough for a page or the PDF; made once and kept in storage.

    Images stored before uploads were downscaled may be huge; those that cannot be decoded
    cheaply (past the pixel limit and not JPEG) or at all give "" and are left out.
    """
    if not field_file:
        return ""
    side = side or max_side()
    storage = field_file.storage
    try:
        with storage.open(field_file.name) as file:
            image = opened(file)
            if image is None:
                return ""
            if max(image.size) <= side and image.format in FORMATS:
                return field_file.url
            rendition_format = "JPEG" if image.mode in ("RGB", "L", "CMYK", "YCbCr") else "PNG"
            extension = "jpg" if rendition_format == "JPEG" else "png"
            name = f"{RENDITIONS}{field_file.name}.{extension}"
            if not storage.exists(name):
                data = encode(decoded(file, side), rendition_format)
                name = storage.save(name, ContentFile(data))
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError):
        return ""
    return storage.url(name)


def original_of(rendition_name):
    """The stored image a rendition was made from (the name without its added extension)."""
    return os.path.splitext(rendition_name.removeprefix(RENDITIONS))[0]
