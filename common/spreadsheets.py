"""Spreadsheets in and out, shared by every app.

Files come as XLSX or as CSV saved by Chinese Excel (GB18030/GBK, sometimes UTF-8 with a byte
order mark), with the bulletin's Chinese table headers. A file is written whole or not at all, and
every bad row is reported with its row number, column and value.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import Error
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .dates import format_dotted_range, parse_date_range

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


# Above this size an XLSX is read in openpyxl's streaming mode, which keeps no hyperlinks.
XLSX_FULL_READ_BYTES = 4 * 2**20


def _xlsx_rows(content):
    try:
        workbook = load_workbook(
            io.BytesIO(content), read_only=len(content) > XLSX_FULL_READ_BYTES, data_only=True
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(_("无法读取这个文件：请上传 XLSX 或 CSV 文件。")) from None
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        rows.append([_cell_value(cell) for cell in row])
    workbook.close()
    return rows


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


# Widgets and fields ---------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text as typed, trimmed, with an export's formula guard taken off."""

    def clean(self, value, row=None, **kwargs):
        value = unescape_formula(value)
        return "" if value is None else str(value).strip()


class URLWidget(TextWidget):
    """A web address; link text without one ("点击查看详细信息") counts as none."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return text if text.startswith(("http://", "https://")) else ""


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value, or by its label in Chinese or in English (制定 / New)."""

    def __init__(self, choices, aliases=None, **kwargs):
        self.choices = choices
        self.aliases = aliases or {}
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        choice = self._lookup.get(text.casefold())
        if choice is None:
            known = "、".join(str(label) for _value, label in self.choices)
            raise ValueError(
                _("“%(value)s”不是可选的值（%(known)s）。") % {"value": text, "known": known}
            )
        return choice

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))

    @cached_property
    def _lookup(self):
        lookup = {alias.casefold(): choice for alias, choice in self.aliases.items()}
        for choice, label in self.choices:
            lookup[str(choice).casefold()] = choice
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    lookup[str(label).casefold()] = choice
        return lookup


class NameWidget(widgets.ForeignKeyWidget):
    """A related record by one of its names; an unknown name is an error naming close matches.

    The names are read once per import, not once per row.
    """

    def __init__(self, model, name_fields, **kwargs):
        self.name_fields = name_fields
        super().__init__(model, field=name_fields[0], **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        names = self._names()
        matches = names.get(text)
        if matches is None:
            close = get_close_matches(text, list(names), n=3, cutoff=0.5)
            hint = (_("相近的有：%(names)s。") % {"names": "、".join(close)}) if close else ""
            raise ValueError(
                _("找不到“%(value)s”：请先在%(model)s中添加。%(hint)s")
                % {"value": text, "model": self.model._meta.verbose_name_plural, "hint": hint}
            )
        if len(matches) > 1:
            raise ValueError(_("“%(value)s”对应多条记录，请写全称。") % {"value": text})
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.name_fields[0])

    def _names(self):
        if getattr(self, "_cache", None) is None:
            self._cache = {}
            for record in self.model.objects.all():
                for name_field in self.name_fields:
                    name = getattr(record, name_field)
                    if name and record not in self._cache.setdefault(name, []):
                        self._cache[name].append(record)
        return self._cache

    def forget(self):
        self._cache = None


class IntegerWidget(widgets.Widget):
    """A whole number (参会人数); "60" and 60.0 from a spreadsheet cell alike."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is None or number != int(number) or number < 0:
            raise ValueError(_("“%(value)s”不是整数。") % {"value": text})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DateRangeWidget(widgets.Widget):
    """A date range in any of the tables' forms; exported as 2022.06.17-2022.08.17."""

    def clean(self, value, row=None, year=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return parse_date_range(value, year=year)

    def render(self, value, obj=None, **kwargs):
        if not value or None in value:
            return ""
        return format_dotted_range(*value)


class DateWidget(DateRangeWidget):
    """One day, in the same forms; exported as 2022-06-17."""

    def clean(self, value, row=None, **kwargs):
        days = super().clean(value, row, **kwargs)
        if days is None:
            return None
        if days[0] != days[1]:
            raise ValueError(_("这里应是一个日期，不是日期范围。"))
        return days[0]

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateRangeField(fields.Field):
    """One column (意见征求期) holding two model fields: start_date and end_date."""

    def __init__(self, column_name, start="start_date", end="end_date", **kwargs):
        self.end_attribute = end
        super().__init__(
            attribute=start, column_name=column_name, widget=DateRangeWidget(), **kwargs
        )

    def get_value(self, instance):
        return getattr(instance, self.attribute, None), getattr(instance, self.end_attribute, None)

    def save(self, instance, row, is_m2m=False, **kwargs):
        days = self.clean(row, **kwargs)
        if days is not None:
            setattr(instance, self.attribute, days[0])
            setattr(instance, self.end_attribute, days[1])


# Resources -------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int | None  # the spreadsheet's row number, the header being row 1; None for the file
    column: str
    value: str
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        where = _("第 %(row)d 行") % {"row": self.row}
        if self.column:
            where += _("，“%(column)s”列") % {"column": self.column}
            if self.value:
                where += _("（“%(value)s”）") % {"value": self.value}
        return f"{where}：{self.message}"


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        counts = {"total": self.total, "new": self.created, "update": self.updated}
        counts["skip"] = self.skipped
        if not self.ok:
            return _("共 %(count)d 处错误，文件中的记录均未写入。") % {"count": len(self.errors)}
        if self.dry_run:
            return (
                _(
                    "试导入：共 %(total)d 行，将新增 %(new)d 条、更新 %(update)d 条、"
                    "跳过 %(skip)d 条（未改变）；未写入任何记录。"
                )
                % counts
            )
        return (
            _(
                "已导入：共 %(total)d 行，新增 %(new)d 条、更新 %(update)d 条、"
                "跳过 %(skip)d 条（未改变）。"
            )
            % counts
        )


class TableResource(resources.ModelResource):
    """A model's columns as the bulletin's tables head them, in Chinese; English also accepted.

    django-import-export rolls back on row exceptions but keeps the valid rows of a file whose
    other rows fail validation; the secretariat's rule is that a bad file changes nothing, so the
    whole import is one transaction, rolled back when any row is invalid. Every row is validated
    as the admin form would (plan-number format, dates, addresses).

    A file of 10,000 rows takes seconds: the stored records are read once per file and found by
    their key (`record_key`, `row_key`), and validated rows are written in batches (Meta.batch_size)
    with a history entry each (bulk_create_with_history, bulk_update_with_history).
    """

    # Headers other than a field's own column name that mean the same column: {column: (...)}.
    column_aliases = {}
    required_columns = ()
    ignored_columns = ("序号", "No.", "No", "#")

    # True where the model's unique field is the key rows are found by, so that no row can break
    # it, and its check constraints are repeated in clean(): full_clean skips their queries.
    unique_is_key = False
    # Whether each row's changes are kept for a preview (see import_data).
    diffs = True

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, progress=None, **options):
        """`options` (year, level) reach every cell's widget; `progress(rows_done, rows_total)`,
        when given, is called after each row, valid or not."""
        super().__init__()
        self.progress = progress
        self.options = options

    # Headers and rows

    def prepare(self, dataset):
        """Name the columns as this resource does and check the required ones are there."""
        aliases = {}
        for import_field in self.get_import_fields():
            column = import_field.column_name
            for alias in (column, import_field.attribute, *self.column_aliases.get(column, ())):
                if alias:
                    aliases[str(alias).casefold()] = column
        dataset.headers = [aliases.get(header.casefold(), header) for header in dataset.headers]
        for header in list(dataset.headers):
            if header in self.ignored_columns:
                del dataset[header]
        missing = [column for column in self.required_columns if column not in dataset.headers]
        if missing:
            raise SpreadsheetError(
                _("缺少必需的列：%(missing)s（表头中有：%(found)s）。")
                % {"missing": "、".join(missing), "found": "、".join(dataset.headers) or "—"}
            )
        if not len(dataset):
            raise SpreadsheetError(_("文件只有表头，没有数据行。"))

    def before_import(self, dataset, **kwargs):
        self._total = len(dataset)
        self._keys_seen = {}
        self._rows = {}
        self._records = {}
        for record in self.stored_records():
            self._records.setdefault(self.record_key(record), record)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.progress is not None:
            self.progress(kwargs["row_number"], self._total)
        return row_result

    def before_import_row(self, row, row_number=None, **kwargs):
        self._rows[row_number] = dict(row)
        identity = self.identity(row)
        if identity is None:
            return
        first = self._keys_seen.setdefault(identity, row_number)
        if first != row_number:
            attribute = self.fields[self.column_field(identity[0])].attribute
            raise ValidationError(
                {attribute: _("与第 %(row)d 行重复。") % {"row": first + HEADER_ROWS}}
            )

    def identity(self, row):
        """(column, value) naming the row's record within a file, so that a second row for the
        same record is refused; None when the row has nothing to tell."""
        return None

    def stored_records(self):
        """The records a file may update, with the related records their columns show."""
        model = self._meta.model
        records = model._default_manager.order_by("pk")
        related = [field.name for field in model._meta.concrete_fields if field.is_relation]
        return records.select_related(*related) if related else records

    def record_key(self, record):
        """What a stored record is found by; the first record by id wins a shared key."""
        raise NotImplementedError

    def row_key(self, row):
        """The key of the record a row is about (see record_key); None when it has none."""
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        key = self.row_key(row)
        return None if key is None else self._records.get(key)

    def column_field(self, column):
        for name, import_field in self.fields.items():
            if import_field.column_name == column:
                return name
        raise KeyError(column)

    @staticmethod
    def cell(row, column):
        """A cell's text as the widgets read it: trimmed, without an export's formula guard."""
        return str(unescape_formula(row.get(column)) or "").strip()

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged when every stored field is as it was; timestamps do not count."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        stored = [
            model_field.attname
            for model_field in self._meta.model._meta.concrete_fields
            if not getattr(model_field, "auto_now", False)
        ]
        return all(getattr(instance, name) == getattr(original, name) for name in stored)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            self.full_clean(instance, exclude=self.checked(errors), validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def checked(self, errors):
        """The model fields already reported by a column: a range's end goes with its start."""
        exclude = set(errors)
        for import_field in self.get_import_fields():
            if isinstance(import_field, DateRangeField) and import_field.attribute in exclude:
                exclude.add(import_field.end_attribute)
        return exclude

    def full_clean(self, record, exclude=(), validate_unique=True):
        """The model's validation, less the queries this import makes needless: the related
        records a row names were read from the database by this import."""
        exclude = {*exclude}
        for model_field in record._meta.concrete_fields:
            if model_field.is_relation and getattr(record, model_field.attname) is not None:
                exclude.add(model_field.name)
        unique = validate_unique and not self.unique_is_key
        record.full_clean(exclude=exclude, validate_unique=unique, validate_constraints=unique)

    def get_diff_class(self):
        return super().get_diff_class() if self.diffs else NoDiff

    # The whole file or nothing

    def import_data(self, dataset, dry_run=False, diffs=True, **kwargs):
        """`diffs=False` where no one looks at the rows' changes (the report has none)."""
        self.diffs = diffs
        # A file without its required columns is refused before any row is read; the library
        # would go on to import every row and report each one as well.
        try:
            self.prepare(dataset)
        except SpreadsheetError as error:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(Error(error))
            return result
        with transaction.atomic(using=router.db_for_write(self._meta.model)):
            result = super().import_data(dataset, dry_run=dry_run, **self.options, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._save_batch(self.create_instances, result, raise_errors, created=True)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._save_batch(self.update_instances, result, raise_errors, created=False)

    def _save_batch(self, records, result, raise_errors, created):
        """Write validated rows at once, with their history; a failure is the file's error."""
        if not records:
            return
        model = self._meta.model
        try:
            with transaction.atomic(using=router.db_for_write(model)):
                if created:
                    bulk_create_with_history(records, model, batch_size=self._meta.batch_size)
                else:
                    stored = [f for f in model._meta.concrete_fields if not f.primary_key]
                    for record in records:
                        for model_field in stored:  # auto_now, cleaned text: as save() does
                            setattr(
                                record, model_field.attname, model_field.pre_save(record, False)
                            )
                    names = [model_field.name for model_field in stored]
                    bulk_update_with_history(
                        records, model, names, batch_size=self._meta.batch_size
                    )
                self.after_save_batch(records)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            records.clear()

    def after_save_batch(self, records):
        """Records saved (they have their ids now): write what goes with them."""

    def report(self, result, dry_run=False):
        """What the import did, or every error with its row, column and value."""
        totals = result.totals
        report = ImportReport(total=result.total_rows, dry_run=dry_run)
        if not (result.has_errors() or result.has_validation_errors()):
            report.created = totals.get("new", 0)
            report.updated = totals.get("update", 0)
            report.skipped = totals.get("skip", 0)
        for error in result.base_errors:
            report.errors.append(RowError(None, "", "", str(error.error)))
        for number, row_errors in result.row_errors():
            for error in row_errors:
                report.errors.append(RowError(number + HEADER_ROWS, "", "", str(error.error)))
        columns = self._columns_by_attribute()
        for invalid in result.invalid_rows:
            for attribute, messages in invalid.error_dict.items():
                column = "" if attribute == NON_FIELD_ERRORS else columns.get(attribute, attribute)
                value = getattr(self, "_rows", {}).get(invalid.number, {}).get(column, "")
                for message in messages:
                    report.errors.append(
                        RowError(invalid.number + HEADER_ROWS, column, str(value or ""), message)
                    )
        return report

    def _columns_by_attribute(self):
        columns = {}
        for import_field in self.get_import_fields():
            columns.setdefault(import_field.attribute, import_field.column_name)
            if isinstance(import_field, DateRangeField):
                columns.setdefault(import_field.end_attribute, import_field.column_name)
        return columns


class NoDiff:
    """django-import-export's Diff of a row, left out: it costs a third of an import's time."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


def import_file(resource, content, filename="", dry_run=False, **options):
    """Read and import a file; returns an ImportReport and writes nothing unless all is valid."""
    try:
        dataset = read_dataset(content, filename)
    except SpreadsheetError as error:
        return ImportReport(dry_run=dry_run, errors=[RowError(None, "", "", str(error))])
    result = resource.import_data(dataset, dry_run=dry_run, diffs=False, **options)
    return resource.report(result, dry_run=dry_run)
