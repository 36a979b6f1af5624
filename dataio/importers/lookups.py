"""Code tables an import resolves cells against, loaded once per import.

A cell may give the code (slug, Kemendagri code, number) or the name as the template's code
sheet lists it; a name shared by two records must be given by its code.
"""

from django.db.models import Exists, OuterRef

from dataio.importers.base import build_lookup
from hubs.models import HubDesignation, Institution, Province, Regency
from innovations.models import SDG, Category, Innovation


def hubs_queryset():
    return Institution.objects.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk")))).order_by(
        "name"
    )


def institutions() -> dict:
    return build_lookup(Institution.objects.all(), lambda i: i.slug, lambda i: i.name, lambda i: i.acronym)


def hubs() -> dict:
    return build_lookup(hubs_queryset(), lambda i: i.slug, lambda i: i.name, lambda i: i.acronym)


def provinces() -> dict:
    return build_lookup(Province.objects.all(), lambda p: p.code, lambda p: p.name)


def regencies() -> dict:
    return build_lookup(Regency.objects.all(), lambda r: r.code, lambda r: r.name)


def categories() -> dict:
    return build_lookup(Category.objects.all(), lambda c: str(c.pk), lambda c: str(c))


def sdgs() -> dict:
    return {sdg.number: sdg for sdg in SDG.objects.all()}


def innovations() -> dict:
    # Only the columns needed to identify one: a registry may hold tens of thousands.
    # (institution_id: the replication rules compare it with the adopter, for every row.)
    qs = Innovation.objects.only(
        "pk", "slug", "sinovik_id", "jippnas_id", "title", "hub_id", "institution_id", "status"
    )
    return build_lookup(qs, lambda i: i.slug, lambda i: i.sinovik_id, lambda i: i.jippnas_id, lambda i: i.title)
