"""Spreadsheets as django-import-export's admin reads them: through our reader, in one format.

The admin's own CSV format decodes UTF-8 only and its XLSX format knows nothing of the tables'
headers; ours reads what Chinese Excel saves (GBK or UTF-8 with BOM CSV, XLSX) the same way the
rest of the project does, and says in Chinese why a file cannot be read.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.formats import base_formats

from common.spreadsheets import SpreadsheetError, read_dataset

# What the admin has already read of the file being previewed (its dataset or why it cannot be
# read): django-import-export reads the file again, which a file read once need not be.
_already_read = ContextVar("already_read", default=None)


@contextmanager
def already_read(dataset_or_error):
    token = _already_read.set(dataset_or_error)
    try:
        yield
    finally:
        _already_read.reset(token)


class SpreadsheetFormat(base_formats.Format):
    """CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, told apart by their content."""

    def __init__(self, encoding=None):
        # The admin names an encoding; the reader finds the file's own.
        self.encoding = encoding

    def get_title(self):
        return gettext_lazy("CSV 或 XLSX")

    def create_dataset(self, in_stream, **kwargs):
        dataset = _already_read.get()
        if isinstance(dataset, SpreadsheetError):
            raise dataset
        if dataset is None:
            dataset = read_dataset(in_stream)
        if not len(dataset):
            raise SpreadsheetError(_("文件只有表头，没有数据行。"))
        return dataset

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "csv"

    def can_import(self):
        return True


def errors_to_show(report):
    """A report's errors for the reader: only the file's own when it has any.

    When the file as a whole is refused (a required column missing), every row then fails for
    the same reason; listing those rows would hide the one message that matters.
    """
    file_errors = [error for error in report.errors if error.row is None]
    return file_errors or list(report.errors)
