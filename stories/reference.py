import datetime
from decimal import Decimal

from django.db import transaction

from hubs.models import Institution, Source
from hubs.services import SeedResult, upsert
from stories.data import tpbis
from stories.models import ActivityType, Indicator, Measurement, Programme


@transaction.atomic
def tpbis_reference_seed(result: SeedResult) -> SeedResult:
    """Load the TPBIS programme, its activity types and its sourced indicators. Idempotent.

    Needs the hubs data first (the Perpusnas institution). Seeds no story and no target.
    """
    sources = {}
    for entry in tpbis.SOURCES:
        values = {
            "publisher": entry["publisher"],
            "title": entry.get("title", ""),
            "reference": entry.get("reference", ""),
        }
        sources[entry["key"]] = upsert(result, Source, {"key": entry["key"]}, values)

    hub = Institution.objects.get(name=tpbis.HUB_NAME)
    spec = tpbis.PROGRAMME
    programme = upsert(
        result,
        Programme,
        {"slug": spec["slug"]},
        {k: spec[k] for k in ("name", "name_en", "acronym", "description", "description_en")} | {"hub": hub},
    )
    wanted = {sources[k].pk for k in spec["sources"]}
    if set(programme.sources.values_list("pk", flat=True)) != wanted:
        programme.sources.set(wanted)

    for slug, name, name_en in tpbis.ACTIVITY_TYPES:
        upsert(result, ActivityType, {"slug": slug}, {"name": name, "name_en": name_en})

    source = sources[tpbis.SOURCE_KEY]
    for entry in tpbis.INDICATORS:
        indicator = upsert(
            result,
            Indicator,
            {"programme": programme, "slug": entry["slug"]},
            {"name": entry["name"], "name_en": entry["name_en"], "unit": entry["unit"]},
        )
        evidence, evidence_en = tpbis.EVIDENCE
        for measured_on, value, (note, note_en) in entry["measurements"]:
            upsert(
                result,
                Measurement,
                {"indicator": indicator, "measured_on": datetime.date.fromisoformat(measured_on)},
                {
                    "value": Decimal(value),
                    "source": source,
                    "evidence": evidence,
                    "evidence_en": evidence_en,
                    "note": note,
                    "note_en": note_en,
                },
            )
    return result
