"""A table copied from a notice's web page, Word or Excel, as the CSV file it would be saved as.

Copied tables arrive as text: cells between tabs, rows on lines, a cell Excel holds on several
lines in quotes. The rows become a CSV file in memory, so that a pasted table is read, previewed,
confirmed and reported on exactly as an uploaded file is. Every cell is quoted in it: the reader
guesses a CSV's delimiter, and quotes around every cell leave it one guess.

A table pasted without its header row gets the one its import expects (the resource's
table_columns, as the bulletin prints them), with or without the 序号 column.
"""

import csv
import io

from django.utils.translation import gettext as _

from .reading import SpreadsheetError


def pasted_rows(text):
    """The rows of pasted text that hold something, each a list of its cells."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    return [row for row in rows if any(cell.strip() for cell in row)]


def pasted_table(text, resource):
    """(content, header_added): the CSV file of a pasted table for `resource`'s import, and
    whether its header row was added because the paste had none."""
    rows = pasted_rows(text)
    if not rows:
        raise SpreadsheetError(_("粘贴的内容中没有表格。"))
    header_added = not names_columns(rows[0], resource)
    if header_added:
        rows.insert(0, header_for(rows, resource))
    content = io.StringIO()
    csv.writer(content, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return content.getvalue().encode("utf-8"), header_added


def names_columns(row, resource):
    """Whether a row is a header: one of its cells names a column of the resource."""
    columns = resource.columns_by_header()
    return any(cell.strip().casefold() in columns for cell in row)


def table_columns(resource):
    """The columns of the resource's table, in the order the bulletin prints them."""
    return list(resource.table_columns) or [
        import_field.column_name for import_field in resource.get_import_fields()
    ]


def header_for(rows, resource):
    """The header of rows pasted without one: the table's columns, less 序号 if they have one
    cell fewer; rows of any other width cannot be told apart and are refused."""
    columns = table_columns(resource)
    width = max(len(row) for row in rows)
    # A row copied from a web page may end in an empty cell (a tab) the table does not have.
    while width > len(columns) and _blank(rows, width - 1):
        width -= 1
    if width == len(columns):
        return columns
    if width == len(columns) - 1 and columns[0] in resource.ignored_columns:
        return columns[1:]
    raise SpreadsheetError(
        _(
            "粘贴的表格没有表头，却有 %(width)d 列：不带表头时，各列应依次为%(columns)s。"
            "请连同表头一起复制粘贴。"
        )
        % {"width": width, "columns": "、".join(columns)}
    )


def _blank(rows, index):
    """Whether no row has anything in the column at `index`."""
    return all(len(row) <= index or not row[index].strip() for row in rows)
