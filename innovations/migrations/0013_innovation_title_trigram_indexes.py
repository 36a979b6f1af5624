"""Trigram indexes on innovation titles, on PostgreSQL only (jipp.trigram).

The replication list's `q` (and the global search's replications group) matches any part of the
replicated innovation's title, in either language (`innovation__title__icontains`): without an index
each search read every innovation's title. The innovation list's own search uses the full-text
document of 0007/0012.
"""

from django.db import migrations

from jipp.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0005_name_search_trigram_indexes"),
        ("innovations", "0012_search_document_english"),
    ]

    operations = [
        trigram_indexes(
            "innovations_innovation", {"innovation_title_trgm": "title", "innovation_title_en_trgm": "title_en"}
        ),
    ]
