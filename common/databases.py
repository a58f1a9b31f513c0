"""Statistics for the databases' query planners.

SQLite has statistics only when told to gather them. Without them SQLite picks an index by the
query's ORDER BY: a meeting's three related standards were found by reading all 90,000 public
standards in their order (24 ms, against 0.2 ms with statistics). PostgreSQL's autovacuum keeps
its own; SQLite's are written after the writes that change a table's size much: migrations, the
demo and generated data, and background tasks (imports). PostgreSQL is told, by migrations, to
keep statistics of the expressions a list's search filters on (SearchStatistics).
"""

from django.db import connections
from django.db.migrations.operations.base import Operation


def analyze(using="default"):
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def analyze_after_migrate(sender, using="default", **kwargs):
    analyze(using)


def analyze_after_task(sender, **kwargs):
    analyze()


class SearchStatistics(Operation):
    """PostgreSQL's statistics of UPPER(column) for the columns a public list's `?q=` reads.

    A word of `?q=` with case in it is an icontains, `UPPER(column::text) LIKE UPPER('%word%')`,
    on which PostgreSQL has no statistics of its own: it guessed one standard in 50,000 had
    both words of 汽车 安全 (10,941 have; such words are now plain LIKEs, common.filters), and
    so read and sorted them all for a page of 20 (130 ms), where reading the list's index in
    order stops after a hundred (1 ms). With statistics of the expression it counts from a
    sample of the values. SQLite keeps none of the kind: nothing there.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, table, columns):
        self.table, self.columns = table, list(columns)

    def deconstruct(self):
        return type(self).__qualname__, [self.table, self.columns], {}

    def state_forwards(self, app_label, state):
        """Statistics are not part of the models' state."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            for column in self.columns:
                schema_editor.execute(
                    f"CREATE STATISTICS IF NOT EXISTS {quote(self.name(column))} "
                    f"ON (UPPER({quote(column)}::text)) FROM {quote(self.table)}"
                )
            # Filled by the next ANALYZE, which autovacuum runs only after many writes.
            schema_editor.execute(f"ANALYZE {quote(self.table)}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for column in self.columns:
                name = schema_editor.quote_name(self.name(column))
                schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")

    def name(self, column):
        return f"{self.table}_{column}_upper"[:63]

    def describe(self):
        return f"Statistics of the searched columns of {self.table} (PostgreSQL)"
