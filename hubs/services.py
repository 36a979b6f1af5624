"""Writes of the hubs app: the reference-data loader and staff-facing changes."""

import csv
import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from hubs.choices import Evidence, RegencyKind
from hubs.data import reference
from hubs.models import Cohort, HubDesignation, Institution, InstitutionSuccession, Province, Regency, Source
from jipp.slugs import SlugRule

IDN_AREA_DIR = Path(__file__).resolve().parent / "data" / "idn-area"

# Words kept as written (acronyms) or in lower case (particles) when fixing the source's capitals.
_UPPER_WORDS = {"DKI"}
_LOWER_WORDS = {"DAN"}


def proper_case(name: str) -> str:
    """Turn the source's capitals into the usual casing: 'KABUPATEN ACEH SELATAN' → 'Kabupaten Aceh Selatan'."""
    words = []
    for i, word in enumerate(name.split()):
        if word in _UPPER_WORDS:
            words.append(word)
        elif word in _LOWER_WORDS and i > 0:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


@dataclass
class SeedResult:
    """How many rows each model gained or changed in one run."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def __str__(self):
        models = sorted(set(self.created) | set(self.updated))
        parts = [f"{m}: +{self.created[m]} ~{self.updated[m]}" for m in models if self.created[m] or self.updated[m]]
        return "; ".join(parts) or "no changes"


def upsert(result: SeedResult, model, lookup: dict, values: dict):
    """Create the row, or update only the fields that differ, so a re-run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created[model.__name__] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
        result.updated[model.__name__] += 1
    return obj


def _set_sources(obj, keys, sources_by_key):
    wanted = {sources_by_key[k].pk for k in keys}
    if set(obj.sources.values_list("pk", flat=True)) != wanted:
        obj.sources.set(wanted)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _load_regions(result: SeedResult, data_dir: Path):
    with open(data_dir / "provinces.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            upsert(result, Province, {"code": row["code"]}, {"name": proper_case(row["name"])})
    provinces = {p.code: p for p in Province.objects.all()}
    existing = {r.code: r for r in Regency.objects.all()}
    new = []
    with open(data_dir / "regencies.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # Kemendagri numbering: 01–69 are kabupaten, 71–99 are kota.
            kind = RegencyKind.KOTA if int(row["code"][3:]) >= 71 else RegencyKind.KABUPATEN
            values = {"province": provinces[row["province_code"]], "name": proper_case(row["name"]), "kind": kind}
            if row["code"] in existing:
                upsert(result, Regency, {"code": row["code"]}, values)
            else:
                new.append(Regency(code=row["code"], **values))
    # 514 rows: one bulk insert instead of 514 round trips on a first run.
    Regency.objects.bulk_create(new)
    result.created["Regency"] += len(new)


def _institution_values(entry, provinces):
    return {
        "acronym": entry.get("acronym", ""),
        "kind": entry["kind"],
        "province": provinces.get(entry.get("province")),
    }


@transaction.atomic
def reference_seed(*, data_dir: Path = IDN_AREA_DIR) -> SeedResult:
    """Load regions, sources, cohorts, hubs and successions. Idempotent: a re-run changes nothing."""
    result = SeedResult()
    _load_regions(result, data_dir)
    provinces = {p.code: p for p in Province.objects.all()}

    sources = {}
    for entry in reference.SOURCES:
        values = {k: v for k, v in entry.items() if k != "key"}
        values.setdefault("title", "")
        values.setdefault("reference", "")
        values["published_on"] = _date(values.get("published_on"))
        sources[entry["key"]] = upsert(result, Source, {"key": entry["key"]}, values)

    cohorts = {}
    for entry in reference.COHORTS:
        values = {
            "year": entry["year"],
            "name": entry["name"],
            "name_en": entry.get("name_en", ""),
            "decree_number": entry.get("decree_number", ""),
            "decree_date": _date(entry.get("decree_date")),
            "announced_on": _date(entry.get("announced_on")),
            "announced_count": entry.get("announced_count"),
            "basis": entry.get("basis", ""),
        }
        cohort = upsert(result, Cohort, {"slug": entry["slug"]}, values)
        _set_sources(cohort, entry["sources"], sources)
        cohorts[entry["slug"]] = cohort

    institutions = {}
    for entry in [*reference.HUBS, *reference.OTHER_INSTITUTIONS]:
        values = _institution_values(entry, provinces)
        # By name, or else by the slug the first run gave it: an institution that staff renamed in the
        # admin is the same institution (its new name is kept), not a reason to add a second one.
        existing = (
            Institution.objects.filter(name__iexact=entry["name"]).first()
            or Institution.objects.filter(slug=_seed_slug(entry)).first()
        )
        if existing is None:
            values["slug"] = INSTITUTION_SLUGS.unique(entry.get("acronym") or entry["name"])
            institutions[entry["name"]] = upsert(result, Institution, {"name": entry["name"]}, values)
        else:
            institutions[entry["name"]] = upsert(result, Institution, {"pk": existing.pk}, values)

    for entry in reference.HUBS:
        designation = upsert(
            result,
            HubDesignation,
            {"institution": institutions[entry["name"]], "cohort": cohorts[entry["cohort"]]},
            {"evidence": entry.get("evidence", Evidence.CONFIRMED)},
        )
        _set_sources(designation, entry["sources"], sources)

    for entry in reference.SUCCESSIONS:
        upsert(
            result,
            InstitutionSuccession,
            {"predecessor": institutions[entry["predecessor"]], "successor": institutions[entry["successor"]]},
            {
                "changed_on": _date(entry["changed_on"]),
                "date_precision": entry["date_precision"],
                "note": entry["note"],
            },
        )
    return result


# The fixed pages under /hubs/ come before the hub's own address, so no institution may take their words.
INSTITUTION_SLUGS = SlugRule(Institution, fallback="instansi", reserved=frozenset({"benchmark", "submissions"}))


def _seed_slug(entry) -> str:
    """The slug the seed gives a reference institution when nothing else has taken it."""
    return INSTITUTION_SLUGS.base(entry.get("acronym") or entry["name"])
