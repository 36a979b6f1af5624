"""Indicator units: stored as a short Indonesian code (the seed's `unit`), shown as a label in the
page's language. A unit not listed here is shown as stored."""

from django.utils.translation import pgettext_lazy

# A context of their own: as a unit after a count ("38 provinces") the English is plural, unlike the
# same words elsewhere on the site.
UNIT_LABELS = {
    "provinsi": pgettext_lazy("satuan indikator", "provinsi"),
    "kabupaten/kota": pgettext_lazy("satuan indikator", "kabupaten/kota"),
    "desa": pgettext_lazy("satuan indikator", "desa"),
    "replikasi": pgettext_lazy("satuan indikator", "replikasi"),
    "orang": pgettext_lazy("satuan indikator", "orang"),
    "kegiatan": pgettext_lazy("satuan indikator", "kegiatan"),
    "skor": pgettext_lazy("satuan indikator", "skor"),
}


def unit_label(unit: str) -> str:
    """The unit in the active language (a known code), else the unit as stored."""
    label = UNIT_LABELS.get((unit or "").strip().lower())
    return str(label) if label is not None else unit
