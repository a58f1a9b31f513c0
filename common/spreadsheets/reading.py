"""Reading a spreadsheet file: XLSX, or CSV in UTF-8 (with or without BOM) or GB18030/GBK.

Every file is read once, within the limits of common.spreadsheets.limits, and anything a parser
cannot read becomes a SpreadsheetError with a message for the editor, never an exception.
"""

import csv
import io
import logging
import re
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader

from .limits import MeteredZipFile, SpreadsheetError, bounded_rows, check_archive

logger = logging.getLogger(__name__)

# A row number in a report is the spreadsheet's: the header is row 1.
HEADER_ROWS = 1
# What a leading apostrophe guards on export (see common.exports), taken off again on import.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["HEADER_ROWS", "SpreadsheetError", "decode", "read_dataset", "unescape_formula"]


def read_dataset(content, filename=""):
    """A tablib Dataset of the file's first sheet, its header row stripped of BOMs and spaces."""
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise SpreadsheetError(
            _("文件有 %(size).1f MB，超过上限 %(limit)d MB：请分成几个文件导入。")
            % {"size": len(content) / 2**20, "limit": limit // 2**20}
        )
    if not content or content.isspace():
        raise SpreadsheetError(_("文件是空的。"))
    if content[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(content)
    elif not _looks_like_text(content, filename):
        raise SpreadsheetError(_("无法读取这个文件：请上传 XLSX 或 CSV 文件。"))
    else:
        rows = bounded_rows(_csv_rows(decode(content)), _present)
    if not rows:
        raise SpreadsheetError(_("文件是空的。"))
    headers = [_header(cell) for cell in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for row in rows[1:]:
        row = row[:width]
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
LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


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
    # The lines one by one: io.StringIO would hold the whole text again, four bytes a character.
    reader = csv.reader((line.group() for line in LINE.finditer(text)), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        # The only error of a non-strict reader fed whole lines: a cell over the parser's limit.
        raise SpreadsheetError(
            _("第 %(row)d 行有单元格超过 %(limit)d 个字符，不能导入。")
            % {"row": reader.line_num, "limit": csv.field_size_limit()}
        ) from error


# Above this unpacked size an XLSX is read in openpyxl's streaming mode even when it has
# hyperlinks: the full read keeps them, but holds every cell as an object (and takes twice as long).
XLSX_FULL_READ_BYTES = 16 * 2**20
HYPERLINK = b'/relationships/hyperlink"'


def _xlsx_rows(content):
    try:
        archive = MeteredZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SpreadsheetError(_("无法读取这个文件：请上传 XLSX 或 CSV 文件。")) from None
    with archive:
        check_archive(archive)
        try:
            return _sheet_rows(archive, content)
        # openpyxl and the XML parser under it raise what they meet (BadZipFile, KeyError,
        # ParseError, a forbidden entity, a bad CRC...): whatever it is, the file is unreadable.
        except Exception as error:
            limit = _limit_behind(error)
            if limit is not None:
                raise limit from None
            logger.warning("XLSX not read", exc_info=error)
            raise SpreadsheetError(
                _(
                    "无法读取这个 XLSX 文件：文件已损坏，或含有不允许的内容。"
                    "请在 Excel 中另存后重试。"
                )
            ) from None


def _sheet_rows(archive, content):
    unpacked = sum(member.file_size for member in archive.infolist())
    read_only = unpacked > XLSX_FULL_READ_BYTES or not _has_hyperlinks(archive)
    reader = ExcelReader(io.BytesIO(content), read_only=read_only, data_only=True)
    # openpyxl opens an archive of its own; it reads through the metered one instead.
    reader.archive.close()
    reader.archive = archive
    reader.read()
    sheet = reader.wb.worksheets[0]
    if read_only:
        # The rows as the file has them, whatever size its header claims for the sheet.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
    else:
        rows = ([_cell_value(cell) for cell in row] for row in sheet.iter_rows())
    return bounded_rows(rows, _present)


def _limit_behind(error):
    """Our own refusal, where openpyxl re-raised it as its own error."""
    while error is not None:
        if isinstance(error, SpreadsheetError):
            return error
        error = error.__cause__ or error.__context__
    return None


def _has_hyperlinks(archive):
    """Whether a sheet links a cell to an address (a relationship of the sheet's)."""
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
