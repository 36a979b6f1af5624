"""A GIN index for the innovation full-text search, on PostgreSQL only.

The index is on the expression innovations.filtersets.innovation.search_vector() builds (title and
the eight KIPP aspects, `indonesian` configuration), so the `@@` filter of the search can use it.
It is kept out of the model state (SQLite has no GIN), so `makemigrations` stays clean everywhere.
If the searched fields change, change both places.
"""

from django.db import migrations

INDEX_NAME = "innovation_search_gin"
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


def _index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*FIELDS, config="indonesian"), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("innovations", "Innovation"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("innovations", "Innovation"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
