"""Files as users upload them: real documents and photos, and the hostile ones of issue 14."""

import functools
import io
import struct
import zipfile
import zlib

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HTML = b"<!doctype html><html><body><script>window.__xss=1</script><p>report</p></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1">'
    b"<script>alert(1)</script></svg>"
)
JS = b"window.__xss = 1; fetch('/admin/');"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" + bytes(2048)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@functools.cache
def pdf():
    """A one-page PDF as Pillow writes it (once: it carries the time it was made)."""
    output = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(output, "PDF")
    return output.getvalue()


def xlsx():
    output = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "标准号"
    workbook.save(output)
    return output.getvalue()


def docx():
    """The smallest package Word opens: its content types, its relationship, its document."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package'
            '/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
            '/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>纪要</w:t></w:r></w:p></w:body>'
            "</w:document>",
        )
    return output.getvalue()


def plain_zip():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("index.html", HTML)
    return output.getvalue()


def image(format="PNG", size=(60, 40), color="teal", **options):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format, **options)
    return output.getvalue()


def jpeg_with_exif(size=(60, 40)):
    """A JPEG a phone might send: turned (orientation 6), with the camera and a location."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (31.0, 18.0, 0.0)}  # GPS latitude
    return image("JPEG", size, exif=exif.tobytes())


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path, width=13_300, height=13_300):
    """A grey PNG of width × height (177 megapixels by default), written a row at a time: a
    few hundred kilobytes on disk, half a gigabyte of pixels once decoded."""
    compressor = zlib.compressobj(9)
    row = bytes(width + 1)  # filter byte and a row of black pixels
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n")
        file.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)))
        data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
        file.write(chunk(b"IDAT", data))
        file.write(chunk(b"IEND", b""))
    return path
