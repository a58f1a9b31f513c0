"""Reading a spreadsheet file: XLSX, or CSV in UTF-8 (with or without BOM) or GB18030/GBK."""

import csv
import io
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# A row number in a report is the spreadsheet's: the header is row 1.
HEADER_ROWS = 1
# What a leading apostrophe guards on export (see common.exports), taken off again on import.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read: not a spreadsheet, too large, no header, no rows."""


def read_dataset(content, filename=""):
    """A tablib Dataset of the file's first sheet, its header row stripped of BOMs and spaces."""
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise SpreadsheetError(
            _("文件有 %(size).1f MB，超过上限 %(limit)d MB：请分成几个文件导入。")
            % {"size": len(content) / 2**20, "limit": limit // 2**20}
        )
    if not content.strip():
        raise SpreadsheetError(_("文件是空的。"))
    if content[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(content)
    elif not _looks_like_text(content, filename):
        raise SpreadsheetError(_("无法读取这个文件：请上传 XLSX 或 CSV 文件。"))
    else:
        rows = _csv_rows(decode(content))
    rows = [row for row in rows if any(_present(cell) for cell in row)]
    if not rows:
        raise SpreadsheetError(_("文件是空的。"))
    headers = [_header(cell) for cell in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for row in rows[1:]:
        row = list(row)[:width]
        dataset.append(row + [None] * (width - len(row)))
    return dataset


def decode(content):
    """Text of a CSV file: UTF-8 (with or without BOM) when it is valid UTF-8, else GB18030.

    GBK/GB18030 bytes of Chinese text are almost never valid UTF-8, so trying UTF-8 strictly
    first cannot garble a GBK file; GB18030 is a superset of GBK and GB2312.
    """
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("无法识别文件的编码：请在 Excel 中另存为“CSV UTF-8”或 XLSX 后重试。")
        ) from None


# Files that are surely not a CSV, by their first bytes: PDF, PNG, JPEG, GIF, old Office (.xls).
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def _looks_like_text(content, filename):
    name = filename.lower()
    if "." in name.rsplit("/", 1)[-1] and not name.endswith(TEXT_SUFFIXES):
        return False
    return not content.startswith(BINARY_SIGNATURES) and b"\x00" not in content[:4096]


def _csv_rows(text):
    # Only the delimiter is guessed: the sniffer would take an export's formula guard (') for a
    # quote character.
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


# Above this size an XLSX is read in openpyxl's streaming mode even when it has hyperlinks: the
# full read keeps them, but holds every cell as an object (and takes twice as long).
XLSX_FULL_READ_BYTES = 4 * 2**20
HYPERLINK = b'/relationships/hyperlink"'


def _xlsx_rows(content):
    try:
        read_only = len(content) > XLSX_FULL_READ_BYTES or not _has_hyperlinks(content)
        workbook = load_workbook(io.BytesIO(content), read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(_("无法读取这个文件：请上传 XLSX 或 CSV 文件。")) from None
    sheet = workbook.worksheets[0]
    if read_only:
        # The rows as the file has them, whatever size its header claims for the sheet.
        sheet.reset_dimensions()
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        rows = [[_cell_value(cell) for cell in row] for row in sheet.iter_rows()]
    workbook.close()
    return rows


def _has_hyperlinks(content):
    """Whether a sheet links a cell to an address (a relationship of the sheet's)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return any(
            HYPERLINK in archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/_rels/")
        )


def _cell_value(cell):
    # A linked cell ("点击查看详细信息") holds its address in the hyperlink.
    hyperlink = getattr(cell, "hyperlink", None)
    if hyperlink is not None and getattr(hyperlink, "target", None):
        return hyperlink.target
    return cell.value


def _header(cell):
    return str(cell or "").replace("\ufeff", "").strip()


def _present(cell):
    return cell is not None and str(cell).strip() != ""


def unescape_formula(value):
    """Undo the apostrophe an export put before a formula-like value."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
