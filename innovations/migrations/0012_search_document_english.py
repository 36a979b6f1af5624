"""The stored search vector of 0007 also holds the English title and summary (PostgreSQL only).

A user reading the portal in English types English words; the query is parsed with the same
`indonesian` configuration as the whole document, so both sides are tokenised alike. A generated
column's expression cannot be altered in place: the column and its GIN index are made again.
"""

import importlib

from django.db import migrations

# The Indonesian columns of the vector, as 0007 made it (a migration keeps its own frozen list).
ID_FIELDS = importlib.import_module("innovations.migrations.0007_innovation_search_document").FIELDS


def _column(fields):
    document = " || ' ' || ".join(f"COALESCE({name}::text, '')" for name in fields)
    return [
        "DROP INDEX IF EXISTS innovation_search_doc_gin",
        "ALTER TABLE innovations_innovation DROP COLUMN IF EXISTS search_document",
        "ALTER TABLE innovations_innovation ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('indonesian'::regconfig, {document})) STORED",
        "CREATE INDEX innovation_search_doc_gin ON innovations_innovation USING gin (search_document)",
    ]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in _column([*ID_FIELDS, "title_en", "summary_en"]):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in _column(ID_FIELDS):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0011_stories_and_imports_move_out"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
