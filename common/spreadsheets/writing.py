"""An import's new records written many to a statement, each with its history entry.

Django's bulk_create prepares every value of every record through its field (pre_save,
get_db_prep_save, a placeholder of its own): some 80 µs a standard, and as much again for its
history entry, most of what a 10,000-row import took. The records of one import share a handful of
values in most columns (a level, a committee, the import's time), so here each column prepares a
distinct value once, through the same field methods, and a batch is one INSERT of a row of
placeholders per record, or on PostgreSQL one COPY.

The history entries are those simple_history's bulk_history_create makes (type "+", the request's
user, the record's change reason), one import's entries at one time, as its records' timestamps.
"""

from operator import attrgetter

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import (
    bulk_create_with_history,
    get_change_reason_from_object,
    get_history_manager_for_model,
)

HISTORY_FIELDS = {"history_date", "history_change_reason", "history_type", "history_user_id"}


def create_with_history(records, batch_size=None):
    """Insert new `records` of one model, giving them their ids, with a history entry each."""
    if not records:
        return
    model = type(records[0])
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    if (
        model._meta.parents
        or not connection.features.can_return_rows_from_bulk_insert
        or any(field.generated or field.has_db_default() for field in fields)
    ):
        bulk_create_with_history(records, model, batch_size=batch_size)
        return
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now.date() if field.get_internal_type() == "DateField" else now
            for record in records:
                setattr(record, field.attname, value)
    rows = prepared_rows(connection, fields, [saved_value(field) for field in fields], records)
    ids = insert(connection, model, fields, rows, batch_size, returning=model._meta.pk)
    for record, pk in zip(records, ids, strict=True):
        record.pk = pk
        record._state.adding = False
        record._state.db = using
    create_history(connection, model, records, now, (fields, rows), batch_size)


def create_history(connection, model, records, now, saved, batch_size=None):
    """A "+" entry of each of `records`, as simple_history's bulk_history_create would write;
    `saved`: the fields and prepared rows the records were inserted with."""
    try:
        history_model = get_history_manager_for_model(model).model
    except NotHistoricalModelError:
        return
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    fields = [field for field in history_model._meta.concrete_fields if not field.primary_key]
    tracked = {field.attname for field in history_model.tracked_fields}
    if any(field.attname not in tracked | HISTORY_FIELDS for field in fields):
        history_model.objects.bulk_history_create(records, batch_size=batch_size)
        return
    user = history_model.get_default_history_user(records[0])
    readers = {
        "history_date": lambda record: getattr(record, "_history_date", now),
        "history_change_reason": get_change_reason_from_object,
        "history_type": lambda record: "+",
        "history_user_id": lambda record: getattr(
            getattr(record, "_history_user", user), "pk", None
        ),
    }
    # The tracked values are the records' own, prepared already: only the others are prepared.
    saved_fields, saved_rows = saved
    position = {field.attname: index for index, field in enumerate(saved_fields)}
    copied = [position.get(field.attname) for field in fields]
    own = [field for field, index in zip(fields, copied, strict=True) if index is None]
    read = [readers.get(field.attname) or attrgetter(field.attname) for field in own]
    rows = []
    own_rows = prepared_rows(connection, own, read, records)
    for saved_row, own_row in zip(saved_rows, own_rows, strict=True):
        values = iter(own_row)
        rows.append([next(values) if index is None else saved_row[index] for index in copied])
    insert(connection, history_model, fields, rows, batch_size)


def saved_value(field):
    """How a record's value of the field is read: as save() takes it where the field computes
    it (auto_now fields are set beforehand, for the whole import at once)."""
    if type(field).pre_save is models.Field.pre_save or isinstance(
        field, models.DateField | models.TimeField
    ):
        return attrgetter(field.attname)
    return lambda record: field.pre_save(record, True)


def prepared_rows(connection, fields, readers, records):
    """Each record's values as the database takes them; each column prepares a value once."""
    columns = [(read, {}, field) for field, read in zip(fields, readers, strict=True)]
    rows = []
    for record in records:
        row = []
        for read, prepared, field in columns:
            value = read(record)
            key = (type(value), value)
            try:
                row.append(prepared[key])
            except KeyError:
                prepared[key] = field.get_db_prep_save(value, connection)
                row.append(prepared[key])
            except TypeError:  # not hashable: prepared every time
                row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    return rows


def insert(connection, model, fields, rows, batch_size=None, returning=None):
    """INSERT the rows of prepared values; the `returning` column's values, in the rows' order."""
    if connection.vendor == "postgresql":
        return copy(connection, model, fields, rows, returning)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    size = min(batch_size or len(rows), connection.ops.bulk_batch_size(fields, rows) or len(rows))
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    suffix = connection.ops.returning_columns([returning])[0] if returning is not None else ""
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join([placeholders] * len(batch))
            params = [value for row in batch for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values} {suffix}", params)
            if returning is not None:
                returned.extend(row[0] for row in cursor.fetchall())
    return returned


def copy(connection, model, fields, rows, returning=None):
    """PostgreSQL takes rows by COPY in half the time an INSERT of them takes; COPY returns
    nothing, so the ids are drawn from the key's sequence first. (Execute wrappers do not see a
    COPY: query counts leave it out.)"""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    ids = []
    with connection.cursor() as cursor:
        if returning is not None:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, returning.column, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            fields = [returning, *fields]
            rows = [[pk, *row] for pk, row in zip(ids, rows, strict=True)]
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
            for row in rows:
                stream.write_row(row)
    return ids
