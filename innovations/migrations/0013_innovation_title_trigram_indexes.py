"""Trigram indexes on innovation titles, on PostgreSQL only.

The replication list's `q` (and the global search's replications group) matches any part of the
replicated innovation's title, in either language (`innovation__title__icontains`, which Django
writes as `UPPER(title) LIKE UPPER('%…%')`): without an index each search read every innovation's
title. A GIN index of trigrams over the same UPPER() expression serves it (pg_trgm, as hubs 0005 does
for names); the innovation list's own search uses the full-text document of 0007/0012. Kept out of the
model state: SQLite has neither the extension nor GIN.
"""

from django.db import migrations

TABLE = "innovations_innovation"
INDEXES = {"innovation_title_trgm": "title", "innovation_title_en_trgm": "title_en"}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0005_name_search_trigram_indexes"),
        ("innovations", "0012_search_document_english"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
