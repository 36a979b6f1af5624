"""Import of replications: each row becomes replication_create / replication_update, as from the form.

A row updates the replication with its ID, or the one of the same innovation and adopter (a pair
that is unique in the registry); otherwise it records a new one.
"""

from django.utils.translation import gettext as _

from hubs import permissions

from ..choices import ReplicationStage
from ..models import Replication
from ..services import innovation as services
from . import lookups
from .base import ImportColumn, Importer, ParsedRow

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

    def prepare(self):
        self.lookups = {
            "innovations": lookups.innovations(),
            "institutions": lookups.institutions(),
            "hubs": lookups.hubs(),
        }
        self.seen: dict[tuple, int] = {}

    def label(self, row):
        data = row.data
        return f"{data.get('innovation') or ''} → {data.get('adopter') or ''}"

    def clean_row(self, row: ParsedRow):
        data = row.data
        for key, value in (("id", data.get("id")), ("adopter", (data["innovation"].pk, data["adopter"].pk))):
            if not value:
                continue
            earlier = self.seen.get((key, value))
            if earlier is not None:
                row.errors.append(
                    (
                        self.header_of(key),
                        _("sama dengan baris %(n)s; satu replikasi hanya boleh satu baris") % {"n": earlier},
                    )
                )
            else:
                self.seen[(key, value)] = row.number

    def match(self, row):
        data = row.data
        if data.get("id"):
            found = Replication.objects.filter(pk=data["id"]).first()
            if found is None:
                row.errors.append((self.header_of("id"), _("tidak ada replikasi dengan ID %(v)s") % {"v": data["id"]}))
            return found
        return Replication.objects.filter(innovation=data["innovation"], adopter=data["adopter"]).first()

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

    def create(self, row):
        return services.replication_create(user=self.user, data=self._values(row))

    def update(self, existing, row):
        return services.replication_update(replication=existing, user=self.user, data=self._values(row))


def export_queryset(user, filters):
    from ..filtersets.innovation import ReplicationFilterSet
    from ..selectors.innovation import replications_visible_to

    return ReplicationFilterSet(filters, queryset=replications_visible_to(user)).qs
