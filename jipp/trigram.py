"""Trigram indexes for the `icontains` searches, on PostgreSQL only (a migration operation).

Django writes `col__icontains` as `UPPER(col) LIKE UPPER('%…%')`. A B-tree cannot serve a pattern
with a leading wildcard; a GIN index of trigrams over the same UPPER() expression can (pg_trgm,
shipped with PostgreSQL). The indexes are kept out of the model state, like the full-text index of
innovations 0007: SQLite has neither the extension nor GIN, and `makemigrations` stays clean.
"""

from django.db import migrations


def trigram_indexes(table: str, indexes: dict[str, str]) -> migrations.RunPython:
    """An operation creating (and on reversal dropping) `{index name: column}` on `table`."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in indexes.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
            )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forward, backward)
