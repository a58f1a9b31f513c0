"""Public lists as files: every row of the resource's columns, streamed, safe to open.

The admin's export builds the whole file in memory (escaped by common.export_formats); public lists
can be long and anyone can download them, so rows are read as plain values in chunks with every
formula trigger escaped (common.spreadsheets.value_columns) and sent as they are written: the CSV
and JSON Lines as they go, the XLSX from a temporary file (bench/exports.py has their speed and
memory). A list's full download is written once per content generation (common.downloads) by
the same writers.

JSON Lines is for open-data users: one object per record, keyed by the resource's field names
(the same in both languages), with the CSV's cells, so that the two files agree cell for cell (a
text that begins with a formula trigger keeps the apostrophe the CSV puts before it).
"""

import csv
import io
import itertools
import json
import tempfile

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from common.spreadsheets import value_columns

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/jsonl; charset=utf-8",
}


def rows(headers, chunks):
    """Chunks of rows, the headers' first, from value_columns' chunks of columns."""
    yield [headers]
    for columns in chunks:
        yield zip(*columns, strict=True)


def csv_response(resource, queryset, filename):
    content = csv_chunks(rows(*value_columns(resource, queryset)))
    return _streamed(content, "csv", filename)


def jsonl_response(resource, queryset, filename):
    return _streamed(jsonl_chunks(resource, queryset), "jsonl", filename)


def _streamed(content, format, filename):
    response = StreamingHttpResponse(content, content_type=FORMATS[format])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{format}")
    return response


def csv_chunks(chunks):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # The byte order mark makes Excel read the file as UTF-8, so Chinese is not garbled.
    buffer.write("\ufeff")
    for chunk in chunks:
        writer.writerows(chunk)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def jsonl_chunks(resource, queryset):
    keys = [resource.get_field_name(field) for field in resource.get_export_fields()]
    _headers, chunks = value_columns(resource, queryset)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for columns in chunks:
        lines = [encode(dict(zip(keys, row, strict=True))) for row in zip(*columns, strict=True)]
        yield ("\n".join(lines) + "\n").encode("utf-8")


def write_xlsx(resource, queryset, filename, file):
    """The workbook written to a binary file."""
    # XlsxWriter's constant-memory mode keeps one row in memory.
    chunks = rows(*value_columns(resource, queryset))
    workbook = xlsxwriter.Workbook(
        file,
        # Text stays text, as the cell holds it: no formulas, numbers or links made of it.
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(filename[:31])
    write_string, write = sheet.write_string, sheet.write
    for number, row in enumerate(itertools.chain.from_iterable(chunks)):
        for column, value in enumerate(row):
            if type(value) is str:
                if value:  # an empty cell is left out, as openpyxl and Excel do
                    write_string(number, column, value)
            elif value is not None:
                write(number, column, value)
    workbook.close()


def xlsx_response(resource, queryset, filename):
    # The workbook is zipped to disk and sent from there in chunks.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    write_xlsx(resource, queryset, filename, spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=FORMATS["xlsx"]
    )


def write_download(format, resource, queryset, filename, file):
    """The download written to a binary file, as its response would send it."""
    if format == "xlsx":
        write_xlsx(resource, queryset, filename, file)
        return
    if format == "csv":
        chunks = csv_chunks(rows(*value_columns(resource, queryset)))
    else:
        chunks = jsonl_chunks(resource, queryset)
    for chunk in chunks:
        file.write(chunk)


def download_response(format, resource, queryset, filename):
    respond = {"csv": csv_response, "xlsx": xlsx_response, "jsonl": jsonl_response}[format]
    return respond(resource, queryset, filename)
