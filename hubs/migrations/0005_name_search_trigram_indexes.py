"""Trigram indexes for the name searches, on PostgreSQL only (jipp.trigram).

The hub list's search box and the API's `q` on institutions and regencies match any part of a name
(`name__icontains`).
"""

from django.db import migrations

from jipp.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0004_security_events"),
    ]

    operations = [
        trigram_indexes("hubs_institution", {"institution_name_trgm": "name", "institution_acronym_trgm": "acronym"}),
        trigram_indexes("hubs_regency", {"regency_name_trgm": "name"}),
    ]
