"""Loader of the innovations app's reference data; called by `seed_reference` after the hubs data."""

from django.db import transaction

from hubs.services import SeedResult, upsert
from innovations.data import reference
from innovations.models import SDG, Category


@transaction.atomic
def innovations_reference_seed(result: SeedResult) -> SeedResult:
    """Load the 17 SDGs and the KIPP categories. Idempotent."""
    for number, name, name_en in reference.SDGS:
        upsert(result, SDG, {"number": number}, {"name": name, "name_en": name_en})
    for year, categories in reference.CATEGORIES.items():
        for name, name_en in categories:
            upsert(result, Category, {"programme": "KIPP", "year": year, "name": name}, {"name_en": name_en})
    return result
