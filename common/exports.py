"""Public lists as spreadsheets: every row of the resource's columns, streamed, safe to open.

The admin's export builds the whole file in memory (escaped by common.export_formats); public lists
can be long and anyone can download them, so rows are read as plain values in chunks with every
formula trigger escaped (common.spreadsheets.value_columns) and sent as they are written: the CSV
as it goes, the XLSX from a temporary file (bench/exports.py has their speed and memory).
"""

import csv
import io
import itertools
import tempfile

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from common.spreadsheets import value_columns

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def rows(headers, chunks):
    """Chunks of rows, the headers' first, from value_columns' chunks of columns."""
    yield [headers]
    for columns in chunks:
        yield zip(*columns, strict=True)


def csv_response(resource, queryset, filename):
    content = _csv_chunks(rows(*value_columns(resource, queryset)))
    response = StreamingHttpResponse(content, content_type=FORMATS["csv"])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def _csv_chunks(chunks):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # The byte order mark makes Excel read the file as UTF-8, so Chinese is not garbled.
    buffer.write("\ufeff")
    for chunk in chunks:
        writer.writerows(chunk)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def xlsx_response(resource, queryset, filename):
    # XlsxWriter's constant-memory mode keeps one row in memory; the workbook is zipped to disk
    # and sent from there in chunks.
    chunks = rows(*value_columns(resource, queryset))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    workbook = xlsxwriter.Workbook(
        spool,
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
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=FORMATS["xlsx"]
    )


def spreadsheet_response(format, resource, queryset, filename):
    respond = {"csv": csv_response, "xlsx": xlsx_response}[format]
    return respond(resource, queryset, filename)
