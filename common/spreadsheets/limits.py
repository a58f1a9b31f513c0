"""How much a spreadsheet may unpack and hold: a small file must not cost the server gigabytes.

An XLSX is a zip archive: a member of a few kilobytes may inflate to gigabytes, and a sheet of a
few megabytes may hold millions of cells. The archive's own sizes are checked before anything is
unpacked, every byte unpacked is counted while it streams (the declared sizes may lie), and the
rows and cells are counted as they are read, before they are kept.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

# Small members compress far beyond any ratio (an empty sheet, a style sheet): only members
# larger than this are held to IMPORT_MAX_COMPRESSION_RATIO.
RATIO_FLOOR_BYTES = 2**20
CHUNK_BYTES = 2**16


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read: not a spreadsheet, too large, no header, no rows."""


def _megabytes(size):
    return f"{size / 2**20:.0f}"


def unpacked_too_large():
    return SpreadsheetError(
        _("文件解压后超过 %(limit)s MB 的上限，不能导入：请检查文件，或分成几个文件导入。")
        % {"limit": _megabytes(settings.IMPORT_MAX_UNPACKED_BYTES)}
    )


def check_archive(archive):
    """Refuse an archive by the sizes it declares, before any member is unpacked."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if total > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise unpacked_too_large()
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > settings.IMPORT_MAX_COMPRESSION_RATIO:
            raise SpreadsheetError(
                _(
                    "文件中的“%(member)s”压缩比异常（%(ratio)d 倍，上限 %(limit)d 倍），"
                    "不能导入：请在 Excel 中另存后重试。"
                )
                % {
                    "member": member.filename,
                    "ratio": ratio,
                    "limit": settings.IMPORT_MAX_COMPRESSION_RATIO,
                }
            )


class MeteredZipFile(zipfile.ZipFile):
    """A zip archive whose members, however they are opened, unpack within one budget of bytes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unpacked = 0

    def open(self, name, mode="r", *args, **kwargs):
        member = super().open(name, mode, *args, **kwargs)
        return member if mode != "r" else _MeteredMember(member, self)

    def spend(self, size):
        self.unpacked += size
        if self.unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise unpacked_too_large()


class _MeteredMember:
    """A member being unpacked, counting each chunk against its archive's budget."""

    def __init__(self, member, archive):
        self._member = member
        self._archive = archive

    def read(self, size=-1):
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(CHUNK_BYTES):
                chunks.append(chunk)
            return b"".join(chunks)
        data = self._member.read(size)
        self._archive.spend(len(data))
        return data

    def __getattr__(self, name):
        return getattr(self._member, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._member.close()


def bounded_rows(rows, present):
    """The rows with something `present`, refused past the row and cell limits as they come.

    Blank rows are not kept, but their cells count (at least one each): a sheet that claims a
    billion empty rows is refused as soon as the count passes the limit.
    """
    max_rows = settings.IMPORT_MAX_ROWS + 1  # and the header
    max_cells = settings.IMPORT_MAX_CELLS
    kept = []
    cells = 0
    for row in rows:
        cells += max(len(row), 1)
        if cells > max_cells:
            raise SpreadsheetError(
                _(
                    "文件超过 %(limit)d 个单元格的上限（IMPORT_MAX_CELLS），不能导入："
                    "请分成几个文件导入。"
                )
                % {"limit": max_cells}
            )
        if any(present(cell) for cell in row):
            if len(kept) >= max_rows:
                raise SpreadsheetError(
                    _(
                        "文件超过 %(limit)d 行的上限（IMPORT_MAX_ROWS），不能导入："
                        "请分成几个文件导入。"
                    )
                    % {"limit": settings.IMPORT_MAX_ROWS}
                )
            kept.append(list(row))
    return kept
