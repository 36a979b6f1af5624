"""Import of innovations: new rows go to innovations_bulk_create (innovation_create's rules, written in
batches), changed rows to innovation_update, as from the form.

A row updates an existing innovation when it carries its ID, its SINOVIK or JIPPNas ID, or the same
title for the same institution; otherwise it creates a draft. A row whose values equal the record's
is skipped, so importing the same file twice changes nothing.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dataio.importers import lookups
from dataio.importers.base import CellError, ImportColumn, Importer, ParsedRow, as_request, chunked, clean_text
from innovations.choices import Continuation, Group, Initiator, InnovationType, Stage
from innovations.models import ASPECT_FIELDS, SDG, Innovation
from innovations.services import innovation as services
from jipp import permissions

ASPECT_HEADERS = {
    "ringkasan": ("Ringkasan", "Summary"),
    "latar_belakang": ("Latar belakang dan tujuan", "Background and objectives"),
    "kebaruan": ("Kebaruan / nilai tambah", "Novelty / added value"),
    "implementasi": ("Implementasi", "Implementation"),
    "signifikansi": ("Signifikansi", "Significance"),
    "adaptabilitas": ("Adaptabilitas", "Adaptability"),
    "sumber_daya": ("Sumber daya", "Resources"),
    "strategi_keberlanjutan": ("Strategi keberlanjutan", "Sustainability strategy"),
}


def _code(obj, attr="slug"):
    return getattr(obj, attr) if obj is not None else ""


def _sdg_numbers(innovation) -> str:
    return "; ".join(str(link.sdg.number) for link in innovation.sdg_links.all())


COLUMNS = [
    ImportColumn("id", "ID", "ID", kind="id", export=lambda i: i.pk),
    ImportColumn("sinovik_id", "ID SINOVIK", "SINOVIK ID", export=lambda i: i.sinovik_id),
    ImportColumn("jippnas_id", "ID JIPPNas", "JIPPNas ID", export=lambda i: i.jippnas_id),
    ImportColumn(
        "hub", "Hub (kode)", "Hub (code)", kind="ref", lookup="hubs", required=True, export=lambda i: i.hub.slug
    ),
    ImportColumn(
        "institution",
        "Instansi (kode)",
        "Institution (code)",
        kind="ref",
        lookup="institutions",
        required=True,
        export=lambda i: i.institution.slug,
    ),
    ImportColumn("title", "Judul", "Title", required=True, export=lambda i: i.title),
    ImportColumn("title_en", "Judul (Inggris)", "Title (English)", export=lambda i: i.title_en),
    ImportColumn("summary_en", "Ringkasan (Inggris)", "Summary (English)", export=lambda i: i.summary_en),
    *[
        ImportColumn(name, ASPECT_HEADERS[name][0], ASPECT_HEADERS[name][1], export=lambda i, n=name: getattr(i, n))
        for name in ASPECT_FIELDS
    ],
    ImportColumn("stage", "Tahapan", "Stage", kind="choice", choices=Stage.choices, export=lambda i: i.stage),
    ImportColumn(
        "innovation_type",
        "Jenis",
        "Type",
        kind="choice",
        choices=InnovationType.choices,
        export=lambda i: i.innovation_type,
    ),
    ImportColumn(
        "initiator", "Inisiator", "Initiator", kind="choice", choices=Initiator.choices, export=lambda i: i.initiator
    ),
    ImportColumn(
        "implementation_started_on",
        "Mulai diterapkan",
        "Implementation started",
        kind="date",
        export=lambda i: i.implementation_started_on,
    ),
    ImportColumn(
        "group", "Kelompok", "Group", kind="choice", choices=Group.choices, default=Group.UMUM, export=lambda i: i.group
    ),
    ImportColumn(
        "category",
        "Kategori",
        "Category",
        kind="ref",
        lookup="categories",
        export=lambda i: str(i.category) if i.category_id else "",
    ),
    ImportColumn(
        "province",
        "Provinsi (kode)",
        "Province (code)",
        kind="ref",
        lookup="provinces",
        export=lambda i: i.province_id or "",
    ),
    ImportColumn(
        "regency",
        "Kabupaten/kota (kode)",
        "Regency/city (code)",
        kind="ref",
        lookup="regencies",
        export=lambda i: i.regency_id or "",
    ),
    ImportColumn("sdgs", "TPB/SDG (nomor)", "SDGs (numbers)", kind="sdgs", export=_sdg_numbers),
    ImportColumn("video_url", "Tautan video", "Video link", export=lambda i: i.video_url),
    ImportColumn(
        "continuation",
        "Keberlanjutan",
        "Continuation",
        kind="choice",
        choices=Continuation.choices,
        default=Continuation.BERLANJUT,
        export=lambda i: i.continuation,
    ),
    ImportColumn(
        "last_verified_on", "Terakhir diverifikasi", "Last verified", kind="date", export=lambda i: i.last_verified_on
    ),
    ImportColumn("status", "Status", "Status", kind="readonly", export=lambda i: i.status),
]

# The model fields a row sets (everything but the identity, the hub and the SDGs).
FIELD_KEYS = [c.key for c in COLUMNS if c.key not in {"id", "hub", "sdgs", "status"}]


class InnovationImporter(Importer):
    kind = "innovations"
    columns = COLUMNS
    model = Innovation
    duplicate_message = gettext_lazy("sama dengan baris %(n)s; satu inovasi hanya boleh satu baris")
    not_found_message = gettext_lazy("tidak ada inovasi dengan ID %(v)s")

    def prepare(self):
        self.lookups = {
            "hubs": lookups.hubs(),
            "institutions": lookups.institutions(),
            "categories": lookups.categories(),
            "provinces": lookups.provinces(),
            "regencies": lookups.regencies(),
        }
        self.sdgs = lookups.sdgs()

    def parse_cell(self, column, value):
        if column.kind == "sdgs":
            return self._parse_sdgs(value)
        return super().parse_cell(column, value)

    def _parse_sdgs(self, value) -> list[SDG]:
        text = clean_text(value)
        if not text:
            return []
        numbers = []
        for part in text.replace(",", ";").split(";"):
            part = part.strip().rstrip(".")
            if not part:
                continue
            if not part.isdigit() or int(part) not in self.sdgs:
                raise CellError(_("“%(v)s” bukan nomor TPB/SDG (1–17); pisahkan dengan titik koma") % {"v": part[:20]})
            numbers.append(int(part))
        return [self.sdgs[n] for n in sorted(set(numbers))]

    def identity_keys(self, row: ParsedRow):
        data = row.data
        return [
            ("id", data.get("id")),
            ("sinovik_id", data.get("sinovik_id")),
            ("jippnas_id", data.get("jippnas_id")),
            ("title", (data["institution"].pk, services.normalize_title(data["title"]))),
        ]

    def records_queryset(self):
        # What changed() and update() compare comes along: no query per row for a reference or the SDGs.
        return Innovation.objects.select_related("institution", "category", "province", "regency").prefetch_related(
            "sdg_links"
        )

    def preload(self, rows):
        """The innovations the rows may match, read once: by ID, SINOVIK ID, JIPPNas ID, or
        institution and title (a registry's titles of the file's institutions, as pk by title)."""
        self.by_key: dict[tuple, int] = {}  # ("sinovik_id" or "jippnas_id", value) -> pk
        self.titles: dict[int, dict] = {}  # institution pk -> {normalised title: pk}
        wanted = {"sinovik_id": set(), "jippnas_id": set()}
        for row in rows:
            for key, values in wanted.items():
                if row.data.get(key):
                    values.add(row.data[key])
            self.titles.setdefault(row.data["institution"].pk, {})
        for key, values in wanted.items():
            for chunk in chunked(values):
                for pk, value in Innovation.objects.filter(**{f"{key}__in": chunk}).values_list("pk", key):
                    self.by_key[(key, value)] = pk
        for chunk in chunked(self.titles):
            # In the model's order, as one query per institution read them before: the last title wins.
            pairs = Innovation.objects.filter(institution_id__in=chunk).values_list("institution_id", "title", "pk")
            for institution_id, title, pk in pairs:
                self.titles[institution_id][services.normalize_title(title)] = pk
        pks = {row.data["id"] for row in rows if row.data.get("id")} | set(self.by_key.values())
        for row in rows:
            pk = self.titles[row.data["institution"].pk].get(services.normalize_title(row.data["title"]))
            if pk:
                pks.add(pk)
        self.load_records(pks)

    def match(self, row: ParsedRow):
        data = row.data
        found = {}
        if data.get("id"):
            found["id"] = self.record_by_id(row)
            if found["id"] is None:
                return None
        for key in ("sinovik_id", "jippnas_id"):
            pk = self.by_key.get((key, data.get(key))) if data.get(key) else None
            if pk is not None:
                found[key] = self.records[pk]
        targets = {obj.pk for obj in found.values()}
        if len(targets) > 1:
            row.errors.append((self.header_of("id"), _("ID, ID SINOVIK dan ID JIPPNas menunjuk inovasi yang berbeda")))
            return None
        if found:
            return next(iter(found.values()))
        pk = self.titles[data["institution"].pk].get(services.normalize_title(data["title"]))
        return self.records[pk] if pk else None

    def remember(self, obj, previous=None):
        """A created or updated innovation is found by its new keys (and no longer by its old ones)."""
        if previous is not None:
            for key in ("sinovik_id", "jippnas_id"):
                if self.by_key.get((key, getattr(previous, key))) == previous.pk:
                    del self.by_key[(key, getattr(previous, key))]
            titles = self.titles.get(previous.institution_id, {})
            if titles.get(services.normalize_title(previous.title)) == previous.pk:
                del titles[services.normalize_title(previous.title)]
        for key in ("sinovik_id", "jippnas_id"):
            if getattr(obj, key):
                self.by_key[(key, getattr(obj, key))] = obj.pk
        self.titles.setdefault(obj.institution_id, {})[services.normalize_title(obj.title)] = obj.pk
        super().remember(obj, previous)

    def permission_error(self, row, existing):
        hub = row.data["hub"]
        if not permissions.can_manage_hub(self.user, hub.pk):
            return self.header_of("hub"), _("Anda tidak dapat mengimpor untuk hub “%(h)s”") % {"h": hub.name}
        if existing is not None and existing.hub_id != hub.pk:
            return self.header_of("hub"), _("inovasi ini dikoordinasikan hub lain; hub tidak dapat diubah lewat impor")
        return None

    def _values(self, row: ParsedRow) -> dict:
        return {key: row.data[key] for key in FIELD_KEYS if key in row.present}

    def changed(self, existing, row):
        values = self._values(row)
        if any(getattr(existing, key) != value for key, value in values.items()):
            return True
        if "sdgs" in row.present:
            current = {link.sdg_id for link in existing.sdg_links.all()}
            return current != {sdg.pk for sdg in row.data["sdgs"]}
        return False

    def _create_data(self, row: ParsedRow) -> dict:
        data = {**self._values(row), "hub": row.data["hub"]}
        if "sdgs" in row.present:
            data["sdg_links"] = [{"sdg": sdg, "relevance": ""} for sdg in row.data["sdgs"]]
        return data

    def create_many(self, rows):
        for _row, innovation in self.create_in_bulk(rows, services.innovations_bulk_create, self._create_data):
            self.remember(innovation)

    def update(self, existing, row):
        data = self._values(row)
        if "sdgs" in row.present:
            # Keep the relevance notes of the goals that stay linked (the sheet carries only numbers).
            notes = {link.sdg_id: link.relevance for link in existing.sdg_links.all()}
            data["sdg_links"] = [{"sdg": sdg, "relevance": notes.get(sdg.pk, "")} for sdg in row.data["sdgs"]]
        innovation = services.innovation_update(innovation=existing, user=self.user, data=data)
        self.remember(innovation, previous=existing)
        return innovation


def export_queryset(user, filters):
    """The innovations list as the page shows it (same selector and FilterSet), for exports."""
    from innovations.filtersets.innovation import InnovationFilterSet
    from innovations.selectors.innovation import innovations_visible_to

    qs = InnovationFilterSet(filters, queryset=innovations_visible_to(user), request=as_request(user)).qs
    return qs.prefetch_related("sdg_links__sdg")
