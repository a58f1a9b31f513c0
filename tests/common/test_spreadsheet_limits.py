"""Hostile spreadsheets under the size limit: refused quickly, in bounded memory, with a message.

The bombs are built here, small on disk: a member that inflates to hundreds of megabytes, a sheet
of millions of cells, a CSV of millions of rows, XML entities, an oversized CSV cell.
"""

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from common.spreadsheets import SpreadsheetError, read_dataset, reading

MB = 2**20
# Far below what any of these files would take if read whole.
MEMORY_BOUND = 50 * MB
RELS = "xl/worksheets/_rels/sheet1.xml.rels"
SHEET = "xl/worksheets/sheet1.xml"


def small_xlsx():
    workbook = Workbook()
    workbook.active.append(["标准名称", "提出单位"])
    workbook.active.append(["汽车防盗装置", "整车"])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rebuilt(content, members):
    """The XLSX with some members replaced or added: {name: bytes or an iterable of chunks}."""
    archive = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename not in members:
                target.writestr(item, source.read(item.filename))
        for name, data in members.items():
            with target.open(name, "w", force_zip64=True) as member:
                for chunk in [data] if isinstance(data, bytes) else data:
                    member.write(chunk)
    return archive.getvalue()


def rels_bomb(megabytes):
    """Relationships padded with blanks: valid XML that inflates to `megabytes`."""
    head = b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    blank = b" " * MB
    return rebuilt(small_xlsx(), {RELS: [head, *([blank] * megabytes), b"</Relationships>"]})


def lie_about_sizes(content, name, declared):
    """The archive with `name` claiming `declared` bytes unpacked in the central directory,
    the sizes zipfile (and so openpyxl) goes by."""
    data = bytearray(content)
    central = data.find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


def refusal(content, filename="table.xlsx"):
    """The message read_dataset refuses `content` with, and the peak memory it took."""
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetError) as refused:
            read_dataset(content, filename)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return str(refused.value), peak


# Zip bombs


def test_a_member_that_inflates_to_hundreds_of_megabytes_is_refused_by_its_declared_size():
    content = rels_bomb(300)
    assert len(content) < MB

    message, peak = refusal(content)

    assert "解压后超过 64 MB 的上限" in message
    assert peak < MEMORY_BOUND


def test_a_member_inflating_far_beyond_its_compressed_size_is_refused_by_its_ratio(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2**30

    message, peak = refusal(rels_bomb(300))

    assert f"“{RELS}”压缩比异常" in message
    assert "上限 100 倍" in message
    assert peak < MEMORY_BOUND


def test_a_member_that_lies_about_its_size_unpacks_no_further_than_it_said():
    content = lie_about_sizes(rels_bomb(300), RELS, declared=1000)

    message, peak = refusal(content)

    assert "无法读取这个 XLSX 文件" in message
    assert peak < MEMORY_BOUND


def test_what_is_unpacked_is_counted_as_it_streams_whatever_the_sizes_declared(
    settings, monkeypatch
):
    # As if the declared sizes passed and the archive still inflated: the count stops it.
    monkeypatch.setattr(reading, "check_archive", lambda archive: None)
    settings.IMPORT_MAX_UNPACKED_BYTES = 8 * MB

    message, peak = refusal(rels_bomb(300))

    assert "解压后超过 8 MB 的上限" in message
    assert peak < MEMORY_BOUND


# Rows and cells


def sheet_xml(rows):
    """A worksheet's XML, streamed: `rows` yields each row's XML."""
    yield (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>'
    )
    yield from rows
    yield b"</sheetData></worksheet>"


def test_a_sheet_of_more_cells_than_the_limit_is_refused_at_the_limit(settings):
    settings.IMPORT_MAX_CELLS = 50_000
    rows = (
        b"<row>"
        + b"".join(b"<c><v>%d</v></c>" % (n * 100 + column) for column in range(100))
        + b"</row>"
        for n in range(1_000)
    )
    content = rebuilt(small_xlsx(), {SHEET: sheet_xml(rows)})

    message, peak = refusal(content)

    assert (
        message
        == "文件超过 50000 个单元格的上限（IMPORT_MAX_CELLS），不能导入：请分成几个文件导入。"
    )
    assert peak < MEMORY_BOUND


def test_a_sheet_that_skips_to_row_thirty_million_is_refused_at_the_cell_limit(settings):
    settings.IMPORT_MAX_CELLS = 200_000
    # openpyxl fills the rows a sheet skips with empty ones: 30 million from a few bytes.
    far = b'<row r="30000000"><c r="A30000000" t="inlineStr"><is><t>x</t></is></c></row>'
    content = rebuilt(small_xlsx(), {SHEET: sheet_xml([far])})

    message, peak = refusal(content)

    assert "超过 200000 个单元格的上限" in message
    assert peak < MEMORY_BOUND


def test_a_csv_of_millions_of_rows_is_refused_at_the_row_limit():
    content = b"1\n" * 5_000_000
    assert len(content) < 10 * MB

    message, peak = refusal(content, "table.csv")

    assert message == "文件超过 100000 行的上限（IMPORT_MAX_ROWS），不能导入：请分成几个文件导入。"
    assert peak < MEMORY_BOUND


def test_a_file_at_the_row_limit_is_read(settings):
    settings.IMPORT_MAX_ROWS = 3

    dataset = read_dataset(b"title\n1\n2\n3\n", "table.csv")

    assert len(dataset) == 3


# Parser errors


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10 if n > 1 else b"&lol;" * 10)
        for n in range(1, 10)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize("sheet", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_a_sheet_with_xml_entities_is_refused_with_a_message(sheet):
    content = rebuilt(small_xlsx(), {SHEET: sheet})

    message, peak = refusal(content)

    assert message == (
        "无法读取这个 XLSX 文件：文件已损坏，或含有不允许的内容。请在 Excel 中另存后重试。"
    )
    assert peak < MEMORY_BOUND


def test_a_csv_cell_over_the_parser_limit_is_refused_with_its_row():
    content = "标准名称,提出单位\n汽车防盗装置,整车\n".encode() + b"x" * 131_073 + b",y\n"

    message, _peak = refusal(content, "table.csv")

    assert message == "第 3 行有单元格超过 131072 个字符，不能导入。"
