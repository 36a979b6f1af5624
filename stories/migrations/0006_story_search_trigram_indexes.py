"""Trigram indexes for the story search, on PostgreSQL only (jipp.trigram).

The story list's `q` (and the global search's stories group) matches any part of the title, the
library and the narratives, in both languages (`icontains`): without an index every search read all
the stories of the country. A migration keeps its own list of columns (it must not change with the
code); tests/perf/test_search_indexes.py checks it covers stories.filtersets.STORY_SEARCH_FIELDS.
"""

from django.db import migrations

from jipp.trigram import trigram_indexes

COLUMNS = [
    "title",
    "title_en",
    "library_name",
    "narrative_before",
    "narrative_after",
    "narrative_before_en",
    "narrative_after_en",
]


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0005_name_search_trigram_indexes"),
        ("stories", "0005_story_list_order_index"),
    ]

    operations = [
        trigram_indexes("innovations_impactstory", {f"story_{column}_trgm": column for column in COLUMNS}),
    ]
