"""Import of TPBIS impact stories: each row becomes story_create / story_update, as from the form.

The columns are those of the story export (stories.privacy.PublicStory.row, so that an export
re-imports unchanged) plus the consent date. A row updates the story with its ID, or the one of the
same programme and title; otherwise it creates a draft. Consent rules are the service's.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dataio.importers import lookups
from dataio.importers.base import ImportColumn, Importer, ParsedRow, as_request, build_lookup, chunked
from innovations.services import innovation as innovation_services
from jipp import permissions
from stories import services
from stories.choices import AgeGroup, Gender, LibraryLevel
from stories.models import ActivityType, ImpactStory, Programme
from stories.privacy import PUBLIC_ROW_KEYS, story_public


def _ro(key, header, header_en):
    return ImportColumn(key, header, header_en, kind="readonly")


COLUMNS = [
    ImportColumn("id", "ID", "ID", kind="id"),
    _ro("slug", "Slug", "Slug"),
    ImportColumn("title", "Judul", "Title", required=True),
    ImportColumn("title_en", "Judul (Inggris)", "Title (English)"),
    _ro("status", "Status", "Status"),
    _ro("is_demo", "Data contoh", "Sample data"),
    ImportColumn("programme", "Program", "Programme", kind="ref", lookup="programmes", required=True),
    ImportColumn("hub", "Hub", "Hub", kind="ref", lookup="hubs"),
    ImportColumn("innovation", "Inovasi terkait", "Related innovation", kind="ref", lookup="innovations"),
    ImportColumn("library_name", "Nama perpustakaan", "Library name", required=True),
    ImportColumn(
        "library_level",
        "Tingkat perpustakaan",
        "Library level",
        kind="choice",
        choices=LibraryLevel.choices,
        required=True,
    ),
    ImportColumn("province", "Provinsi", "Province", kind="ref", lookup="provinces", required=True),
    ImportColumn("regency", "Kabupaten/kota", "Regency/city", kind="ref", lookup="regencies"),
    ImportColumn("activity_type", "Jenis kegiatan", "Activity type", kind="ref", lookup="activities", required=True),
    ImportColumn("people_reached", "Jumlah orang terjangkau", "People reached", kind="int", default=1),
    ImportColumn("narrative_before", "Kisah sebelum", "Story before", required=True),
    ImportColumn("narrative_after", "Kisah sesudah", "Story after", required=True),
    ImportColumn("narrative_before_en", "Kisah sebelum (Inggris)", "Story before (English)"),
    ImportColumn("narrative_after_en", "Kisah sesudah (Inggris)", "Story after (English)"),
    ImportColumn("income_before", "Pendapatan per bulan sebelum (Rp)", "Monthly income before (IDR)", kind="int"),
    ImportColumn("income_after", "Pendapatan per bulan sesudah (Rp)", "Monthly income after (IDR)", kind="int"),
    ImportColumn("story_date", "Tanggal kisah", "Story date", kind="date", required=True),
    _ro("published_at", "Terbit", "Published"),
    ImportColumn("beneficiary_name", "Nama penerima manfaat", "Beneficiary name"),
    ImportColumn("gender", "Jenis kelamin", "Gender", kind="choice", choices=Gender.choices),
    ImportColumn("age_group", "Kelompok umur", "Age group", kind="choice", choices=AgeGroup.choices),
    ImportColumn("has_disability", "Penyandang disabilitas", "Person with disability", kind="bool"),
    ImportColumn(
        "consent_name_public", "Nama boleh dipublikasikan", "Name may be published", kind="bool", default=False
    ),
    ImportColumn(
        "consent_photo_public", "Foto boleh dipublikasikan", "Photos may be published", kind="bool", default=False
    ),
    _ro("photos_visible", "Foto terlihat", "Photos visible"),
    _ro("personal_data_erased", "Data pribadi dihapus", "Personal data erased"),
    # Not in exports (PublicStory.row leaves it out); needed when a new story has consent.
    ImportColumn("consent_date", "Tanggal persetujuan", "Consent date", kind="date"),
]

FIELD_KEYS = [c.key for c in COLUMNS if c.kind != "readonly" and c.key not in {"id", "hub"}]
HEADERS = {c.key: c.header for c in COLUMNS}
EXPORT_KEYS = ["id", *PUBLIC_ROW_KEYS]


class StoryImporter(Importer):
    kind = "stories"
    columns = COLUMNS
    model = ImpactStory
    duplicate_message = gettext_lazy("sama dengan baris %(n)s; satu kisah hanya boleh satu baris")
    not_found_message = gettext_lazy("tidak ada kisah dengan ID %(v)s")

    def prepare(self):
        self.lookups = {
            "programmes": build_lookup(Programme.objects.all(), lambda p: p.slug, lambda p: p.name, lambda p: str(p)),
            "hubs": lookups.hubs(),
            "innovations": lookups.innovations(),
            "provinces": lookups.provinces(),
            "regencies": lookups.regencies(),
            "activities": build_lookup(ActivityType.objects.all(), lambda a: a.slug, lambda a: a.name),
        }

    def identity_keys(self, row: ParsedRow):
        data = row.data
        return [
            ("id", data.get("id")),
            ("title", (data["programme"].pk, innovation_services.normalize_title(data["title"]))),
        ]

    def records_queryset(self):
        # changed() compares the references: they come along, not one query per row.
        return ImpactStory.objects.select_related("programme", "innovation", "province", "regency", "activity_type")

    def preload(self, rows):
        """The stories the rows name by ID, or by programme and title (pk by title), read once."""
        self.titles: dict[int, dict] = {row.data["programme"].pk: {} for row in rows}
        for chunk in chunked(self.titles):
            for programme_id, title, pk in ImpactStory.objects.filter(programme_id__in=chunk).values_list(
                "programme_id", "title", "pk"
            ):
                self.titles[programme_id][innovation_services.normalize_title(title)] = pk
        pks = {row.data["id"] for row in rows if row.data.get("id")}
        for row in rows:
            pk = self.titles[row.data["programme"].pk].get(innovation_services.normalize_title(row.data["title"]))
            if pk:
                pks.add(pk)
        self.load_records(pks)

    def match(self, row):
        data = row.data
        if data.get("id"):
            return self.record_by_id(row)
        pk = self.titles[data["programme"].pk].get(innovation_services.normalize_title(data["title"]))
        return self.records[pk] if pk else None

    def remember(self, obj, previous=None):
        if previous is not None:
            titles = self.titles.get(previous.programme_id, {})
            if titles.get(innovation_services.normalize_title(previous.title)) == previous.pk:
                del titles[innovation_services.normalize_title(previous.title)]
        self.titles.setdefault(obj.programme_id, {})[innovation_services.normalize_title(obj.title)] = obj.pk
        super().remember(obj, previous)

    def _hub(self, row):
        return row.data.get("hub") or row.data["programme"].hub

    def permission_error(self, row, existing):
        hub = self._hub(row)
        if not permissions.can_manage_hub(self.user, hub.pk):
            return self.header_of("hub"), _("Anda tidak dapat mengimpor untuk hub “%(h)s”") % {"h": hub.name}
        if existing is not None and existing.hub_id != hub.pk:
            return self.header_of("hub"), _("kisah ini milik hub lain; hub tidak dapat diubah lewat impor")
        return None

    def _values(self, row, existing=None):
        values = {key: row.data[key] for key in FIELD_KEYS if key in row.present}
        # The export leaves out a related innovation the user may not see (privacy.PublicStory.row):
        # a blank cell then means "not shown", not "remove the link".
        if (
            existing is not None
            and values.get("innovation", "") is None
            and existing.innovation_id
            and story_public(story=existing, user=self.user).innovation is None
        ):
            del values["innovation"]
        return values

    def changed(self, existing, row):
        return any(getattr(existing, key) != value for key, value in self._values(row, existing).items())

    def create(self, row):
        story = services.story_create(user=self.user, data={**self._values(row), "hub": self._hub(row)})
        self.remember(story)
        return story

    def update(self, existing, row):
        story = services.story_update(story=existing, user=self.user, data=self._values(row, existing))
        self.remember(story, previous=existing)
        return story


def export_queryset(user, filters):
    """The stories list as the page shows it (same selector, FilterSet and order), for exports."""
    from stories.filtersets import ImpactStoryFilterSet
    from stories.selectors import stories_visible_to

    filterset = ImpactStoryFilterSet(filters or None, queryset=stories_visible_to(user), request=as_request(user))
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return qs.order_by("-story_date", "pk")


class PublicRows:
    """Per-export memo: one PublicStory row per story (consent decided there), read by every column."""

    def __init__(self, user):
        self.user = user
        self._pk = None
        self._row = None

    def value(self, story, key):
        if key == "id":
            return story.pk
        if self._pk != story.pk:
            self._pk, self._row = story.pk, story_public(story=story, user=self.user).row()
        return self._row[key]
