"""Import of replications: new rows go to replications_bulk_create (replication_create's rules, written
in batches), changed rows to replication_update, as from the form.

A row updates the replication with its ID, or the one of the same innovation and adopter (a pair
that is unique in the registry); otherwise it records a new one.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dataio.importers import lookups
from dataio.importers.base import ImportColumn, Importer, ParsedRow, as_request, chunked
from innovations.choices import ReplicationStage
from innovations.models import Replication
from innovations.services import innovation as services
from jipp import permissions

COLUMNS = [
    ImportColumn("id", "ID", "ID", kind="id", export=lambda r: r.pk),
    ImportColumn(
        "innovation",
        "Inovasi sumber (slug)",
        "Source innovation (slug)",
        kind="ref",
        lookup="innovations",
        required=True,
        export=lambda r: r.innovation.slug,
    ),
    ImportColumn(
        "adopter",
        "Instansi replikator (kode)",
        "Adopting institution (code)",
        kind="ref",
        lookup="institutions",
        required=True,
        export=lambda r: r.adopter.slug,
    ),
    ImportColumn(
        "facilitating_hub",
        "Hub fasilitator (kode)",
        "Facilitating hub (code)",
        kind="ref",
        lookup="hubs",
        required=True,
        export=lambda r: r.facilitating_hub.slug,
    ),
    ImportColumn(
        "stage",
        "Tahap",
        "Stage",
        kind="choice",
        choices=ReplicationStage.choices,
        default=ReplicationStage.KOMITMEN,
        export=lambda r: r.stage,
    ),
    ImportColumn("committed_on", "Tanggal komitmen", "Commitment date", kind="date", export=lambda r: r.committed_on),
    ImportColumn("live_on", "Tanggal mulai diterapkan", "Live since", kind="date", export=lambda r: r.live_on),
    ImportColumn("notes", "Catatan", "Notes", export=lambda r: r.notes),
]

FIELD_KEYS = ["innovation", "adopter", "facilitating_hub", "stage", "committed_on", "live_on", "notes"]


class ReplicationImporter(Importer):
    kind = "replications"
    columns = COLUMNS
    model = Replication
    duplicate_message = gettext_lazy("sama dengan baris %(n)s; satu replikasi hanya boleh satu baris")
    not_found_message = gettext_lazy("tidak ada replikasi dengan ID %(v)s")

    def prepare(self):
        self.lookups = {
            "innovations": lookups.innovations(),
            "institutions": lookups.institutions(),
            "hubs": lookups.hubs(),
        }

    def label(self, row):
        data = row.data
        return f"{data.get('innovation') or ''} → {data.get('adopter') or ''}"

    def identity_keys(self, row: ParsedRow):
        data = row.data
        return [("id", data.get("id")), ("adopter", (data["innovation"].pk, data["adopter"].pk))]

    def records_queryset(self):
        # changed() compares the parties: they come along, not one query per row.
        return Replication.objects.select_related("innovation", "adopter", "facilitating_hub")

    def preload(self, rows):
        """The replications the rows name by ID or by innovation and adopter, read once."""
        pairs = {(row.data["innovation"].pk, row.data["adopter"].pk) for row in rows}
        self.by_pair: dict[tuple, int] = {}
        for chunk in chunked({innovation for innovation, _adopter in pairs}):
            found = Replication.objects.filter(innovation_id__in=chunk).values_list("innovation_id", "adopter_id", "pk")
            self.by_pair.update(((i, a), pk) for i, a, pk in found if (i, a) in pairs)
        self.load_records({row.data["id"] for row in rows if row.data.get("id")} | set(self.by_pair.values()))

    def match(self, row):
        data = row.data
        if data.get("id"):
            return self.record_by_id(row)
        pk = self.by_pair.get((data["innovation"].pk, data["adopter"].pk))
        return self.records[pk] if pk else None

    def remember(self, obj, previous=None):
        if previous is not None and self.by_pair.get((previous.innovation_id, previous.adopter_id)) == previous.pk:
            del self.by_pair[(previous.innovation_id, previous.adopter_id)]
        self.by_pair[(obj.innovation_id, obj.adopter_id)] = obj.pk
        super().remember(obj, previous)

    def can_see(self, obj) -> bool:
        # A replication is seen with its innovation (jipp.permissions.replication_visible_q).
        return permissions.can_view(self.user, obj.innovation)

    def permission_error(self, row, existing):
        hub = row.data["facilitating_hub"]
        if not permissions.can_manage_hub(self.user, hub.pk):
            return self.header_of("facilitating_hub"), _("Anda tidak dapat mengimpor untuk hub “%(h)s”") % {
                "h": hub.name
            }
        if existing is not None and not permissions.can_edit_replication(self.user, existing):
            return self.header_of("id"), _("replikasi ini difasilitasi hub lain yang bukan milik Anda")
        return None

    def _values(self, row):
        return {key: row.data[key] for key in FIELD_KEYS if key in row.present}

    def changed(self, existing, row):
        return any(getattr(existing, key) != value for key, value in self._values(row).items())

    def create_many(self, rows):
        for _row, replication in self.create_in_bulk(rows, services.replications_bulk_create, self._values):
            self.remember(replication)

    def update(self, existing, row):
        replication = services.replication_update(replication=existing, user=self.user, data=self._values(row))
        self.remember(replication, previous=existing)
        return replication


def export_queryset(user, filters):
    from innovations.filtersets.innovation import ReplicationFilterSet
    from innovations.selectors.innovation import replications_visible_to

    return ReplicationFilterSet(filters, queryset=replications_visible_to(user), request=as_request(user)).qs
