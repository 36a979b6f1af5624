"""Trigram indexes for the story search, on PostgreSQL only.

The story list's `q` (and the global search's stories group) matches any part of the title, the
library and the narratives, in both languages (`icontains`, which Django writes as
`UPPER(col) LIKE UPPER('%…%')`): without an index every search read all the stories of the country.
A GIN index of trigrams over the same UPPER() expression serves each branch of that OR (pg_trgm,
as hubs 0005 does for names). Kept out of the model state: SQLite has neither the extension nor GIN.
"""

from django.db import migrations

TABLE = "innovations_impactstory"
COLUMNS = [
    "title",
    "title_en",
    "library_name",
    "narrative_before",
    "narrative_after",
    "narrative_before_en",
    "narrative_after_en",
]


def _name(column: str) -> str:
    return f"story_{column}_trgm"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(column)} ON {TABLE} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(column)}")


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0005_name_search_trigram_indexes"),
        ("stories", "0005_story_list_order_index"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
