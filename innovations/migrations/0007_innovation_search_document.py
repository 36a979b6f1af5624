"""A stored tsvector for the innovation full-text search, on PostgreSQL only.

The GIN expression index of 0002 finds the matching rows, but ranking them (SearchRank) made
PostgreSQL rebuild the tsvector of every match from nine text columns: 0.5 s for a common word at
100,000 innovations. A generated column keeps the vector on disk, so ranking reads it. The column
is maintained by PostgreSQL itself (GENERATED ... STORED) and is kept out of the model state, like
the index of 0002 (SQLite has no tsvector), so `makemigrations` stays clean everywhere.
innovations.filtersets.innovation.search() reads it by name (SEARCH_DOCUMENT_COLUMN); the expression
is the one of 0002 (title and the eight KIPP aspects, `indonesian` configuration).
"""

from django.db import migrations

FIELDS = [
    "title",
    "ringkasan",
    "latar_belakang",
    "kebaruan",
    "implementasi",
    "signifikansi",
    "adaptabilitas",
    "sumber_daya",
    "strategi_keberlanjutan",
]
DOCUMENT = " || ' ' || ".join(f"COALESCE({name}::text, '')" for name in FIELDS)

FORWARD = [
    "ALTER TABLE innovations_innovation ADD COLUMN search_document tsvector "
    f"GENERATED ALWAYS AS (to_tsvector('indonesian'::regconfig, {DOCUMENT})) STORED",
    "CREATE INDEX innovation_search_doc_gin ON innovations_innovation USING gin (search_document)",
    # Superseded: the expression index would only add write cost.
    "DROP INDEX IF EXISTS innovation_search_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS innovation_search_doc_gin")
    schema_editor.execute("ALTER TABLE innovations_innovation DROP COLUMN IF EXISTS search_document")
    schema_editor.execute(
        f"CREATE INDEX innovation_search_gin ON innovations_innovation "
        f"USING gin (to_tsvector('indonesian'::regconfig, {DOCUMENT}))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0006_list_order_indexes"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
