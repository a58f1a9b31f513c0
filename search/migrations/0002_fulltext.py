"""Each vendor's full-text index of the entries (search/backends.py); nothing on any other."""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, numbers, tokenize = 'unicode61')",
        "DROP TABLE search_fts",
    ),
]
POSTGRESQL = [
    (
        "ALTER TABLE search_searchentry ADD COLUMN vector tsvector",
        "ALTER TABLE search_searchentry DROP COLUMN vector",
    ),
    (
        "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
        "DROP INDEX search_entry_vector",
    ),
]


def statements(schema_editor, reverse):
    vendor = schema_editor.connection.vendor
    chosen = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, [])
    for forward, backward in reversed(chosen) if reverse else chosen:
        schema_editor.execute(backward if reverse else forward)


def create(apps, schema_editor):
    statements(schema_editor, reverse=False)


def drop(apps, schema_editor):
    statements(schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [migrations.RunPython(create, drop)]
