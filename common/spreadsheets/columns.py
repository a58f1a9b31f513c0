"""A resource's export rows read as plain values, for downloads of a whole list.

django-import-export exports a record at a time: a model instance, then each field through its
widget, some 50 µs a row, so 100,000 standards take seconds before a byte is written. Here the
rows come from one values_list() query, iterated in chunks, and each column is a plain function
of its values that gives what the field's widget renders, a chunk's column at a time.

The columns stay the resource's: its export fields, in its order, under its headers. A field
follows its attribute (a related record's through its NameWidget name); a field the resource
reads in a dehydrate method says how it reads from a row in its `export_values(queryset)`:

    def export_values(self, queryset):
        return {"plan_number": reads("standard__plan_number")}

and a field that cannot be read that way is refused when the columns are resolved, never
exported differently from the admin's export (tests/common/test_exports.py holds both to the
same rows).

The cells are safe to open: one that starts with a formula trigger gets an apostrophe before it,
which Excel, LibreOffice and Sheets show as text. The import takes it off again (.reading).
"""

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import CharField, TextField
from django.utils.encoding import force_str
from import_export import widgets

from common.dates import format_dotted_range

from .fetching import value_chunks
from .reading import FORMULA_TRIGGERS
from .widgets import (
    ChoiceWidget,
    DateRangeField,
    DateRangeWidget,
    DateWidget,
    IntegerWidget,
    NameWidget,
)

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Reads:
    lookups: tuple
    # A function of the lookups' values giving the cell, or a mapping of the one lookup's values
    # to cells (missing: empty), or None: as the field's widget renders.
    render: object = None


def reads(*lookups, render=None):
    """How a field read by a dehydrate method reads from a values() row instead: the lookups
    it needs, and how their values give the cell: a function of them, a mapping of the one
    lookup's values to cells (read by a query of its own, say), or None: as the field's widget
    renders them."""
    return Reads(lookups, render)


def export_columns(resource, queryset):
    """(header, lookups, cells) for each of the resource's export fields, in order: `cells`
    gives a chunk's cells of the column from its lookups' values (a sequence for each)."""
    declared = resource.export_values(queryset) if hasattr(resource, "export_values") else {}
    model = resource._meta.model
    columns = []
    for field in resource.get_export_fields():
        name = resource.get_field_name(field)
        column = declared.get(name) or _follow(resource, name, field)
        if isinstance(column.render, Mapping):
            cells = from_mapping(column.render)
        elif column.render:
            cells = guarded(each(column.render))
        else:
            always_text = all(_always_text(model, lookup) for lookup in column.lookups)
            cells = column_cells(field.widget, always_text)
        columns.append((force_str(field.column_name), column.lookups, cells))
    return columns


def _follow(resource, name, field):
    dehydrate = field.get_dehydrate_method(name)
    if callable(dehydrate) or hasattr(resource, dehydrate):
        raise ImproperlyConfigured(
            f"{type(resource).__name__}.{name} is read by {dehydrate}(): "
            f"say how it reads from a values() row in export_values()."
        )
    if isinstance(field, DateRangeField):
        return Reads((field.attribute, field.end_attribute))
    if isinstance(field.widget, NameWidget):
        # The related records' names by id, from a query of their own: a name read with each row
        # would cost more. NameWidget reads them all for an import too: there are few.
        widget = field.widget
        names = widget.model._default_manager.values_list("pk", widget.name_fields[0])
        return Reads((field.attribute,), render={pk: text(name) for pk, name in names})
    if isinstance(field.widget, widgets.ForeignKeyWidget | widgets.ManyToManyWidget):
        raise ImproperlyConfigured(
            f"{type(resource).__name__}.{name}: say how it reads from a values() row in "
            f"export_values()."
        )
    return Reads((field.attribute,))


def _always_text(model, lookup):
    """Whether a lookup's value is text on every row: a text field, none of the way nullable."""
    for name in lookup.split("__"):
        try:
            field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        except FieldDoesNotExist:  # an annotation
            return False
        if field.null or not field.concrete:
            return False
        model = field.related_model
    return isinstance(field, CharField | TextField)


def guard(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def guard_all(cells):
    """A column's cells, each formula trigger behind an apostrophe."""
    try:
        # Looked for without a call per cell: nearly every column of text has none.
        if not any(map(str.startswith, cells, itertools.repeat(FORMULA_TRIGGERS))):
            return cells
    except TypeError:  # a cell that is not text
        pass
    return [guard(cell) for cell in cells]


def guarded(cells):
    return lambda *values: guard_all(cells(*values))


def from_mapping(mapping):
    """A column's cells as a mapping has them for its values, empty for the others."""
    mapping = {key: guard(cell) for key, cell in mapping.items()}
    return lambda values: list(map(mapping.get, values, itertools.repeat("")))


def each(render):
    """A column's cells from a function of one row's values."""
    return lambda *values: list(map(render, *values))


def text(value):
    """As CharWidget renders: None is empty, anything else its text."""
    if type(value) is str:
        return value
    return "" if value is None else force_str(value)


def texts(values):
    # Nearly every value is text already: no call for it.
    return [value if type(value) is str else text(value) for value in values]


class Labels(dict):
    """Choices' labels by value; a value not among them is shown as it is, as ChoiceWidget does."""

    def __missing__(self, value):
        return guard(str(value or ""))


def column_cells(widget, always_text=False):
    """The widget's render over a column of values() values (a range's: two columns), guarded.

    Our widgets, the ones long lists use, are rewritten here without a call per cell where they
    can be; the equality tests keep each to its widget. Any other widget renders each cell.
    `always_text`: the values are text, never None, as a CharWidget renders them.
    """
    if isinstance(widget, ChoiceWidget):
        labels = Labels((choice, guard(str(label))) for choice, label in widget.choices)
        return lambda values: list(map(labels.__getitem__, values))
    if isinstance(widget, DateWidget):  # digits first: nothing to guard
        return each(lambda value: value.isoformat() if value else "")
    if isinstance(widget, DateRangeWidget):
        return each(
            lambda start, end: (
                "" if start is None or end is None else format_dotted_range(start, end)
            )
        )
    if isinstance(widget, IntegerWidget):
        return guarded(each(lambda value: "" if value is None else str(value)))
    if isinstance(widget, NameWidget | widgets.CharWidget) and widget.coerce_to_string:
        return guard_all if always_text else guarded(texts)
    return guarded(each(widget.render))


def value_columns(resource, queryset, chunk_size=CHUNK_SIZE):
    """The headers, and the resource's export rows for `queryset`'s records in chunks, each
    chunk a list of columns: what export_resource gives, a column at a time, guarded.

    The queryset goes through the resource's filter_export, as in the admin's export. The rows
    are read when the chunks are iterated; a column is formatted at a time, which costs less
    than a function call per cell.
    """
    columns = export_columns(resource, queryset)
    # The primary key keeps records whose exported values are the same from being one row under
    # a DISTINCT.
    lookups = ["pk"]
    for _header, reads, _cells in columns:
        lookups += [lookup for lookup in reads if lookup not in lookups]
    plan = [
        (cells, [lookups.index(lookup) for lookup in reads]) for _header, reads, cells in columns
    ]
    records = resource.filter_export(queryset).prefetch_related(None).values_list(*lookups)
    return [header for header, _reads, _cells in columns], _chunks(records, plan, chunk_size)


def _chunks(records, plan, chunk_size):
    for columns in value_chunks(records, chunk_size):
        yield [cells(*[columns[position] for position in positions]) for cells, positions in plan]
