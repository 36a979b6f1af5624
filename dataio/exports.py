"""5. Export of a filtered list (CSV, XLSX): exactly the rows the user sees on the list page.

The machinery is generic: an ExportSpec names a list, builds its queryset from (user, filter params)
with the same selector and FilterSet as the page (so permissions and filters are the page's), and
lists its columns. Rows are streamed with iterator(chunk_size=...) into a streaming writer.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.choices import ReportKind
from reports.generators.base import ProgressTicker, ReportError, ReportSpec, register
from reports.generators.writers import Table, write_tables

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    header: object  # a lazy translation
    value: Callable  # (obj) -> cell value


@dataclass(frozen=True)
class ExportSpec:
    name: str
    label: object
    queryset: Callable  # (user, QueryDict of filters) -> QuerySet
    columns: list
    row_context: Callable | None = None  # (user) -> extra argument for the column functions
    personal_data: bool = False  # rows may hold a person's consented name or personal fields


EXPORTS: dict[str, ExportSpec] = {}


def register_export(spec: ExportSpec) -> ExportSpec:
    EXPORTS[spec.name] = spec
    return spec


def filters_querydict(filters) -> QueryDict:
    """Filters as the list page receives them: {"name": "value" or ["v1", "v2"]} → QueryDict."""
    qd = QueryDict(mutable=True)
    for key, value in (filters or {}).items():
        if key == "page":
            continue
        qd.setlist(str(key), [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return qd


def prepare(user, params):
    name = params.get("list")
    spec = EXPORTS.get(name)
    if spec is None:
        raise ReportError(_("Daftar yang diminta tidak dapat diekspor."))
    filters = params.get("filters") or {}
    if not isinstance(filters, dict):
        raise ReportError(_("Filter tidak valid."))
    return {"list": name, "filters": filters}, _("Ekspor: %(list)s") % {"list": spec.label}


def generate(job, path, progress):
    spec = EXPORTS.get(job.params.get("list"))
    if spec is None:
        raise ReportError(_("Daftar yang diminta tidak dapat diekspor."))
    user = job.requested_by
    qs = spec.queryset(user, filters_querydict(job.params.get("filters")))
    total = qs.count()
    ticker = ProgressTicker(progress, total)
    extra = spec.row_context(user) if spec.row_context else None

    def rows():
        for obj in qs.iterator(chunk_size=CHUNK_SIZE):
            yield [c.value(obj, extra) if extra is not None else c.value(obj) for c in spec.columns]

    table = Table(str(spec.label), [c.header for c in spec.columns], rows())
    return write_tables(path, job.output_format, [table], on_row=lambda n: n % 500 == 0 and ticker.tick(n))


def filename(job):
    return f"ekspor-{job.params.get('list', 'daftar')}-{timezone.localdate():%Y-%m-%d}"


def holds_personal_data(params) -> bool:
    spec = EXPORTS.get(params.get("list"))
    return spec is None or spec.personal_data


register(ReportSpec(ReportKind.LIST_EXPORT, prepare, generate, filename, holds_personal_data=holds_personal_data))


# --- Registered lists -----------------------------------------------------------------------


def _hubs_queryset(user, filters):
    from hubs.filtersets import HubFilterSet
    from hubs.selectors import hubs_list

    # The page orders by name before filtering; the FilterSet's `ordering` may change it, as on the page.
    return HubFilterSet(filters, queryset=hubs_list().order_by("name")).qs


def _cohorts(hub):
    return ", ".join(f"{d.cohort.year}" for d in hub.designations.all())


register_export(
    ExportSpec(
        name="hubs",
        label=gettext_lazy("Daftar hub"),
        queryset=_hubs_queryset,
        columns=[
            Column(gettext_lazy("Nama"), lambda h: h.name),
            Column(gettext_lazy("Singkatan"), lambda h: h.acronym),
            Column(gettext_lazy("Jenis"), lambda h: h.get_kind_display()),
            Column(gettext_lazy("Provinsi"), lambda h: h.province.name if h.province else ""),
            Column(gettext_lazy("Tahun angkatan pertama"), lambda h: h.first_year),
            Column(gettext_lazy("Angkatan"), _cohorts),
            Column(gettext_lazy("Situs web"), lambda h: h.website),
        ],
    )
)


# --- Innovations, replications, stories -----------------------------------------------------
# Their columns are the importers' columns, so that an exported file imports back unchanged.


def _importer_columns(columns) -> list:
    return [Column(c.header, c.export) for c in columns if c.export is not None]


def _register_record_lists():
    from dataio.importers import innovation as innovation_import
    from dataio.importers import replication as replication_import
    from dataio.importers import story as story_import

    register_export(
        ExportSpec(
            name="innovations",
            label=gettext_lazy("Daftar inovasi"),
            queryset=innovation_import.export_queryset,
            columns=_importer_columns(innovation_import.COLUMNS),
        )
    )
    register_export(
        ExportSpec(
            name="replications",
            label=gettext_lazy("Daftar replikasi"),
            queryset=replication_import.export_queryset,
            columns=_importer_columns(replication_import.COLUMNS),
        )
    )
    # Stories: every value comes from stories.privacy.PublicStory.row, which applies consent
    # (names as initials, no personal fields) for whoever requested the export.
    register_export(
        ExportSpec(
            name="stories",
            label=gettext_lazy("Daftar kisah dampak"),
            queryset=story_import.export_queryset,
            columns=[
                Column(story_import.HEADERS[key], lambda story, rows, key=key: rows.value(story, key))
                for key in story_import.EXPORT_KEYS
            ],
            row_context=story_import.PublicRows,
            personal_data=True,
        )
    )


_register_record_lists()


def export_table(name: str, user, filters) -> tuple[Table, int]:
    """The table of one registered list for `user` and the page's filters (a QueryDict), with its
    row count: what `generate` writes in a job, for an export small enough to download at once."""
    spec = EXPORTS.get(name)
    if spec is None:
        raise ReportError(_("Daftar yang diminta tidak dapat diekspor."))
    qs = spec.queryset(user, filters_querydict(filters) if not isinstance(filters, QueryDict) else filters)
    count = qs.count()
    extra = spec.row_context(user) if spec.row_context else None

    def rows():
        for obj in qs.iterator(chunk_size=CHUNK_SIZE):
            yield [c.value(obj, extra) if extra is not None else c.value(obj) for c in spec.columns]

    return Table(str(spec.label), [c.header for c in spec.columns], rows()), count
