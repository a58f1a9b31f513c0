"""The database's own full-text search over the entries' words, one interface per vendor.

Both index the words search/segmentation.py makes, joined by spaces, the title's, the body's and
the record's own numbers' apart, and match every word of a query: SQLite in an FTS5 table
(search_fts, its rowid the entry's id) ranked by bm25, PostgreSQL in a tsvector column of the
entries (the 'simple' configuration; the numbers weighted A, the title B above the body's C)
ranked by ts_rank. Both tables are made
by the migrations, for their vendor only.
"""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

# bm25's weights of a title's word and of the record's own number against a body's 1.0.
TITLE_WEIGHT = 10.0
NUMBER_WEIGHT = 20.0


class SQLiteBackend:
    def store(self, cursor, rows):
        """(entry id, title words, body words, number words) of new entries."""
        cursor.executemany(
            "INSERT INTO search_fts(rowid, title, body, numbers) VALUES (%s, %s, %s, %s)", rows
        )

    def remove(self, cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_fts")

    @staticmethod
    def expression(words):
        # Each word a quoted phrase: FTS5's own syntax (AND, OR, NOT, NEAR, *, ^, quotes,
        # column filters) in a query is then only text.
        return " ".join('"{}"'.format(word.replace('"', '""')) for word in words)

    def matching(self, entries, words):
        """`entries` (a queryset) having every word."""
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        return entries.filter(pk__in=RawSQL(sql, [self.expression(words)]))

    def ranked(self, words, within, limit, offset):
        """Ids of the entries having every word, of `within` (SQL and parameters of ids, or None
        for all), the best first."""
        clause, params = _within("rowid", within)
        query = (
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{clause} "
            f"ORDER BY bm25(search_fts, {TITLE_WEIGHT}, 1.0, {NUMBER_WEIGHT}), rowid "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [self.expression(words), *params, limit, offset])
            return [row[0] for row in cursor.fetchall()]


class PostgreSQLBackend:
    # The title weighs B, the body C, the record's numbers A.
    VECTOR = (
        "setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C')"
        " || setweight(to_tsvector('simple', %s), 'A')"
    )

    def store(self, cursor, rows):
        cursor.executemany(
            f"UPDATE search_searchentry SET vector = {self.VECTOR} WHERE id = %s",
            [(title, body, numbers, pk) for pk, title, body, numbers in rows],
        )

    def remove(self, cursor, ids):
        """The vector goes with its row."""

    def clear(self, cursor):
        """The vectors go with their rows."""

    def matching(self, entries, words):
        # plainto_tsquery ANDs the words and reads no operator in them. A condition on the row
        # itself, not a subquery of ids: PostgreSQL would join the table with itself.
        condition = RawSQL(
            "search_searchentry.vector @@ plainto_tsquery('simple', %s)",
            [" ".join(words)],
            output_field=BooleanField(),
        )
        return entries.alias(matched=condition).filter(matched=True)

    def ranked(self, words, within, limit, offset):
        clause, params = _within("id", within)
        query = (
            "SELECT id FROM search_searchentry, plainto_tsquery('simple', %s) AS query "
            f"WHERE vector @@ query{clause} "
            "ORDER BY ts_rank(vector, query) DESC, id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [" ".join(words), *params, limit, offset])
            return [row[0] for row in cursor.fetchall()]


def _within(column, within):
    if within is None:
        return "", []
    sql, params = within
    return f" AND {column} IN ({sql})", list(params)


def backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()
