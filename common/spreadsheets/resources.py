"""A model's columns as the bulletin's tables head them, imported whole or not at all."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.utils.translation import gettext as _
from import_export import resources
from import_export.results import Error, RowResult
from simple_history.utils import bulk_update_with_history

from common.caching import bump_public_pages
from common.models import VersionedModel
from common.signals import send_records_written

from .reading import HEADER_ROWS, SpreadsheetError, read_dataset, unescape_formula
from .reports import ImportReport, RowError
from .widgets import DateRangeField
from .writing import create_with_history

NEW, UPDATE = RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE


class TableResource(resources.ModelResource):
    """A model's columns as the bulletin's tables head them, in Chinese; English also accepted.

    django-import-export rolls back on row exceptions but keeps the valid rows of a file whose
    other rows fail validation; the secretariat's rule is that a bad file changes nothing, so the
    whole import is one transaction, rolled back when any row is invalid. Every row is validated
    as the admin form would (plan-number format, dates, addresses).

    A file of 10,000 rows takes about two seconds (bench/import_10k.py): the stored records are
    read once per file and found by their key (`record_key`, `row_key`), no row is deep-copied
    (import_row), and validated rows are written in batches (Meta.batch_size) with a history entry
    each (common.spreadsheets.writing for new records, bulk_update_with_history for changed ones).
    """

    # Headers other than a field's own column name that mean the same column: {column: (...)}.
    column_aliases = {}
    required_columns = ()
    ignored_columns = ("序号", "No.", "No", "#")
    # The columns of the bulletin's table in order, read from rows pasted without their header
    # (common.spreadsheets.pasting); none: the import fields' own.
    table_columns = ()

    # True where the model's unique field is the key rows are found by, so that no row can break
    # it, and its check constraints are repeated in clean(): full_clean skips their queries.
    unique_is_key = False
    # Whether each row's changes are kept for a preview (see import_data).
    diffs = True
    # Whom the records' history names; None: the request's user (a background import sets its
    # job's requester, so that a page the import made stale names them).
    history_user = None
    _import_fields = None

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, progress=None, header_added=False, **options):
        """`options` (year, level) reach every cell's widget; `progress(rows_done, rows_total)`,
        when given, is called after each row, valid or not. `header_added`: the table came
        without its header row, which was added for it: rows are numbered from its first."""
        super().__init__()
        self.progress = progress
        self.options = options
        self.header_rows = 0 if header_added else HEADER_ROWS

    # Headers and rows

    def prepare(self, dataset):
        """Name the columns as this resource does and check the required ones are there."""
        aliases = self.columns_by_header()
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

    def columns_by_header(self):
        """{a header, casefolded: the column it names}: its name, attribute or an alias."""
        columns = {}
        for import_field in self.get_import_fields():
            column = import_field.column_name
            for alias in (column, import_field.attribute, *self.column_aliases.get(column, ())):
                if alias:
                    columns[str(alias).casefold()] = column
        return columns

    def before_import(self, dataset, **kwargs):
        self._total = len(dataset)
        self._keys_seen = {}
        self._rows = {}
        self._records = {}
        for record in self.stored_records():
            self._records.setdefault(self.record_key(record), record)

    def import_row(self, row, instance_loader, **kwargs):
        """django-import-export's import_row, without a deep copy of each record: skip_row
        compares the stored values, kept as read, and a diff reads the record before the row
        changes it. The copy took a fifth of an import's time."""
        row_result = self.get_row_result_class()()
        if self._meta.store_row_values:
            row_result.row_values = row
        try:
            self.before_import_row(row, **kwargs)
            instance, new = self.get_or_init_instance(instance_loader, row)
            self.after_init_instance(instance, new, row, **kwargs)
            row_result.import_type = NEW if new else UPDATE
            stored = None if new else self.stored_values(instance)
            diff = self.get_diff_class()(self, instance, new) if self.diffs else None
            import_validation_errors = {}
            try:
                self.import_instance(instance, row, **kwargs)
            except ValidationError as error:
                import_validation_errors = error.update_error_dict(import_validation_errors)
            if self.skip_row(instance, stored, row, import_validation_errors):
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            else:
                self.validate_instance(instance, import_validation_errors)
                self.save_instance(instance, new, row, **kwargs)
            row_result.add_instance_info(instance)
            if self._meta.store_instance or kwargs.get("retain_instance_in_row_result"):
                row_result.instance = instance
            if diff is not None:
                diff.compare_with(self, instance)
                if not self._meta.skip_html_diff:
                    row_result.diff = diff.as_html()
            self.after_import_row(row, row_result, **kwargs)
        except ValidationError as error:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = error
        except Exception as error:
            row_result.import_type = RowResult.IMPORT_TYPE_ERROR
            number = kwargs["row_number"]
            row_result.errors.append(self.get_error_result_class()(error, row=row, number=number))
        if self.progress is not None:
            self.progress(kwargs["row_number"], self._total)
        return row_result

    def get_import_fields(self):
        # Asked for by every row, several times: the fields do not change within an import.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def stored_values(self, record):
        """What skip_row compares a row with: the record's stored fields, timestamps left out."""
        return {name: getattr(record, name) for name in self._compared_fields()}

    def _compared_fields(self):
        return [
            model_field.attname
            for model_field in self._meta.model._meta.concrete_fields
            if not getattr(model_field, "auto_now", False)
        ]

    def before_import_row(self, row, row_number=None, **kwargs):
        self._rows[row_number] = dict(row)
        identity = self.identity(row)
        if identity is None:
            return
        first = self._keys_seen.setdefault(identity, row_number)
        if first != row_number:
            attribute = self.fields[self.column_field(identity[0])].attribute
            raise ValidationError(
                {attribute: _("与第 %(row)d 行重复。") % {"row": first + self.header_rows}}
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
        """Unchanged when every stored field is as it was (`original`: stored_values, None for a
        new record)."""
        if import_validation_errors or original is None:
            return False
        return all(getattr(instance, name) == value for name, value in original.items())

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
        if self.history_user is not None:
            for record in records:
                record._history_user = self.history_user
        try:
            with transaction.atomic(using=router.db_for_write(model)):
                if created:
                    create_with_history(records, batch_size=self._meta.batch_size)
                else:
                    stored = [f for f in model._meta.concrete_fields if not f.primary_key]
                    for record in records:
                        if isinstance(record, VersionedModel):
                            record.version += 1  # a page opened before the import is stale
                        for model_field in stored:  # auto_now, cleaned text: as save() does
                            setattr(
                                record, model_field.attname, model_field.pre_save(record, False)
                            )
                    names = [model_field.name for model_field in stored]
                    bulk_update_with_history(
                        records, model, names, batch_size=self._meta.batch_size
                    )
                self.after_save_batch(records)
                # Bulk writes send no save signals: cached public pages are renewed here, and
                # the site search told what was written.
                bump_public_pages()
                send_records_written(model, [record.pk for record in records])
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
                report.errors.append(RowError(number + self.header_rows, "", "", str(error.error)))
        columns = self._columns_by_attribute()
        for invalid in result.invalid_rows:
            row = invalid.number + self.header_rows
            for attribute, messages in invalid.error_dict.items():
                column = "" if attribute == NON_FIELD_ERRORS else columns.get(attribute, attribute)
                value = getattr(self, "_rows", {}).get(invalid.number, {}).get(column, "")
                for message in messages:
                    report.errors.append(RowError(row, column, str(value or ""), message))
        return report

    def _columns_by_attribute(self):
        columns = {}
        for import_field in self.get_import_fields():
            columns.setdefault(import_field.attribute, import_field.column_name)
            if isinstance(import_field, DateRangeField):
                columns.setdefault(import_field.end_attribute, import_field.column_name)
        return columns


def import_file(resource, content, filename="", dry_run=False, **options):
    """Read and import a file; returns an ImportReport and writes nothing unless all is valid."""
    try:
        dataset = read_dataset(content, filename)
    except SpreadsheetError as error:
        return ImportReport(dry_run=dry_run, errors=[RowError(None, "", "", str(error))])
    result = resource.import_data(dataset, dry_run=dry_run, diffs=False, **options)
    return resource.report(result, dry_run=dry_run)
