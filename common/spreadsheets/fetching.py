"""A values_list() query's rows read a chunk at a time, as the database cursor gives them.

A filtered download of 40,000 standards spent 40 ms of its 290 in Django's iterator, around the
query rather than in it: a generator step per row, each row's converters applied a cell at a
time (6,000 reviews' dates, 20 ms), rows regrouped into chunks and those into columns. Here the
query is Django's own (its SQL, parameters and converters, from the queryset's compiler), but a
chunk is the cursor's fetchmany() list, turned into columns at once, and a column's converters
run once per distinct value in a chunk: a column of dates holds a few hundred days among
thousands of rows.
"""

import contextlib

from django.db.models.sql.constants import MULTI


def value_chunks(queryset, chunk_size):
    """Lists of columns (tuples of values, as values_list() would give them) of up to
    `chunk_size` rows of a values_list() queryset; the query runs when the first is asked for."""
    compiler = queryset.query.get_compiler(queryset.db)
    results = compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=chunk_size)
    fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        # Its values would be spread over columns of their own; no export reads one.
        raise ValueError("value_chunks() does not read composite fields.")
    converters = compiler.get_converters(fields)
    connection = compiler.connection
    for rows in results:
        columns = list(zip(*rows, strict=True))
        for position, (functions, expression) in converters.items():
            columns[position] = _converted(columns[position], functions, expression, connection)
        yield columns


def _converted(values, functions, expression, connection):
    # A cache per chunk: its dates repeat, and a column of distinct values (times) stays small.
    cache = _Converted(functions, expression, connection)
    try:
        return tuple(map(cache.__getitem__, values))
    except TypeError:  # a value that is not hashable (a JSON object): converted each time
        return tuple(map(cache.__missing__, values))


class _Converted(dict):
    """Raw values to converted ones, each converted when first asked for."""

    def __init__(self, functions, expression, connection):
        super().__init__()
        self.functions, self.expression, self.connection = functions, expression, connection

    def __missing__(self, raw):
        value = raw
        for function in self.functions:
            value = function(value, self.expression, self.connection)
        with contextlib.suppress(TypeError):  # not hashable: converted each time it comes
            self[raw] = value
        return value
