"""Lists as spreadsheets, written row by row through the django-import-export resources.

The admin's export builds the whole file in memory and only strips a leading "="; public lists can
be long and anyone can download them, so rows are streamed and every formula trigger is escaped.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def rows(resource, queryset):
    """The header row, then one escaped row per record, fetched in chunks.

    The queryset goes through the resource's filter_export, as in the admin's export, which adds
    what its columns read from related records (select_related, annotations).
    """
    yield resource.get_export_headers()
    for record in resource.iter_queryset(resource.filter_export(queryset)):
        yield [escape_formula(value) for value in resource.export_resource(record)]


class _Echo:
    def write(self, value):
        return value


def csv_response(resource, queryset, filename):
    # The byte order mark makes Excel read the file as UTF-8, so Chinese is not garbled.
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in rows(resource, queryset))
    content = (line.encode("utf-8") for line in _with_bom(lines))
    response = StreamingHttpResponse(content, content_type=FORMATS["csv"])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def xlsx_response(resource, queryset, filename):
    # A write-only workbook keeps one row in memory; the file goes to disk and is sent in chunks.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    for row in rows(resource, queryset):
        sheet.append(["" if value is None else value for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{filename}.xlsx", content_type=FORMATS["xlsx"]
    )


def spreadsheet_response(format, resource, queryset, filename):
    respond = {"csv": csv_response, "xlsx": xlsx_response}[format]
    return respond(resource, queryset, filename)


def _with_bom(lines):
    yield "\ufeff"
    yield from lines
