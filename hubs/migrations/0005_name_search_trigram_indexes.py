"""Trigram indexes for the name searches, on PostgreSQL only.

The hub list's search box and the API's `q` on institutions and regencies match any part of a name
(`name__icontains`, which Django writes as `UPPER(name) LIKE UPPER('%…%')`). A B-tree cannot serve a
pattern with a leading wildcard; a GIN index of trigrams over the same UPPER() expression can
(pg_trgm, shipped with PostgreSQL). Kept out of the model state, like the full-text index of
innovations 0007: SQLite has neither the extension nor GIN, and `makemigrations` stays clean.
"""

from django.db import migrations

INDEXES = {
    "institution_name_trgm": ("hubs_institution", "name"),
    "institution_acronym_trgm": ("hubs_institution", "acronym"),
    "regency_name_trgm": ("hubs_regency", "name"),
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0004_security_events"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
