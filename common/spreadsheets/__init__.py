"""Spreadsheets in and out, shared by every app.

Files come as XLSX or as CSV saved by Chinese Excel (GB18030/GBK, sometimes UTF-8 with a byte
order mark), with the bulletin's Chinese table headers. A file is written whole or not at all, and
every bad row is reported with its row number, column and value.
"""

from .columns import reads, value_columns
from .reading import SpreadsheetError, decode, read_dataset, unescape_formula
from .reports import ImportReport, RowError
from .resources import TableResource, import_file
from .widgets import (
    ChoiceWidget,
    DateRangeField,
    DateRangeWidget,
    DateWidget,
    IntegerWidget,
    NameWidget,
    TextWidget,
    URLWidget,
)

__all__ = [
    "ChoiceWidget",
    "DateRangeField",
    "DateRangeWidget",
    "DateWidget",
    "ImportReport",
    "IntegerWidget",
    "NameWidget",
    "RowError",
    "SpreadsheetError",
    "TableResource",
    "TextWidget",
    "URLWidget",
    "decode",
    "import_file",
    "read_dataset",
    "reads",
    "unescape_formula",
    "value_columns",
]
