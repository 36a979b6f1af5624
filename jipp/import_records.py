"""Which records a spreadsheet import created or changed, for the lists of the apps below dataio.

dataio owns the imports; it registers its answer here in its AppConfig.ready(). The innovation,
replication and story FilterSets carry `ImportJobFilter`, so `?import_job=<id>` lists exactly the
records of one import, inside the queryset the list already restricted to what the user may see.
An import the user may not see (another user's, for a non-staff user) lists nothing.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

# (model, job id, user) -> a queryset of the primary keys the import wrote, or None for none.
_source = None


def register_import_records(source) -> None:
    global _source
    _source = source


def imported_pks(model, job_id: int, user) -> QuerySet | None:
    return _source(model, job_id, user) if _source is not None else None


@extend_schema_field({"type": "integer", "minimum": 1, "description": "The records of one of your imports."})
class ImportJobFilter(django_filters.NumberFilter):
    """`?import_job=<id>`: only the records that import wrote (hidden in the filter panel: it is
    reached from the import's page, and kept when other filters are applied)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        user = getattr(getattr(self.parent, "request", None), "user", None)
        pks = imported_pks(qs.model, value, user)
        return qs.none() if pks is None else qs.filter(pk__in=pks)
