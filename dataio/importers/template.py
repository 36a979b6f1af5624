"""The downloadable template of each import: headers (Indonesian row 1, English row 2) and code sheets.

Written with reports' writers (formula injection neutralised), in the same column order the
importer and the list export use.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from dataio.importers import get_importer_class
from dataio.importers.lookups import hubs_queryset
from hubs.models import Institution, Province, Regency
from innovations.choices import Continuation, Group, Initiator, InnovationType, ReplicationStage
from innovations.choices import Stage as InnovationStage
from innovations.models import SDG, Category
from jipp import permissions
from reports.generators.writers import Table, write_xlsx
from stories.choices import AgeGroup, Gender, LibraryLevel
from stories.models import ActivityType, Programme

CHOICE_SETS = {
    "innovations": [
        ("Tahapan", InnovationStage.choices),
        ("Jenis", InnovationType.choices),
        ("Inisiator", Initiator.choices),
        ("Kelompok", Group.choices),
        ("Keberlanjutan", Continuation.choices),
    ],
    "replications": [("Tahap", ReplicationStage.choices)],
    "stories": [
        ("Tingkat perpustakaan", LibraryLevel.choices),
        ("Jenis kelamin", Gender.choices),
        ("Kelompok umur", AgeGroup.choices),
    ],
}


def _institutions(user):
    """The institutions a user may name: their hubs' networks; every institution for staff."""
    qs = Institution.objects.select_related("coaching_hub").order_by("name")
    if permissions.is_ministry_staff(user):
        return qs
    hubs = permissions.admin_hub_ids(user)
    return qs.filter(Q(pk__in=hubs) | Q(coaching_hub__in=hubs))


def template_tables(kind: str, user) -> list[Table]:
    importer = get_importer_class(kind)
    columns = [c for c in importer.columns if c.kind != "readonly"]
    tables = [Table(_("Data"), [c.header for c in columns], [[c.header_en for c in columns]])]
    tables.append(
        Table(
            _("Hub"),
            [_("Kode"), _("Nama"), _("Anda boleh mengimpor")],
            [
                [h.slug, h.name, _("Ya") if permissions.can_manage_hub(user, h.pk) else _("Tidak")]
                for h in hubs_queryset()
            ],
        )
    )
    tables.append(
        Table(
            _("Instansi"),
            [_("Kode"), _("Nama"), _("Singkatan"), _("Hub pembina")],
            [
                [i.slug, i.name, i.acronym, i.coaching_hub.slug if i.coaching_hub_id else ""]
                for i in _institutions(user)
            ],
        )
    )
    if kind == "innovations":
        tables.append(Table(_("Kategori"), [_("Kode"), _("Nama")], [[str(c), c.name] for c in Category.objects.all()]))
        tables.append(Table(_("TPB-SDG"), [_("Nomor"), _("Nama")], [[s.number, s.name] for s in SDG.objects.all()]))
    if kind == "stories":
        tables.append(Table(_("Program"), [_("Kode"), _("Nama")], [[p.slug, p.name] for p in Programme.objects.all()]))
        tables.append(
            Table(_("Jenis kegiatan"), [_("Kode"), _("Nama")], [[a.slug, a.name] for a in ActivityType.objects.all()])
        )
    tables.append(Table(_("Provinsi"), [_("Kode"), _("Nama")], [[p.code, p.name] for p in Province.objects.all()]))
    tables.append(
        Table(
            _("Kabupaten-kota"),
            [_("Kode"), _("Nama"), _("Provinsi")],
            [[r.code, r.name, r.province_id] for r in Regency.objects.all()],
        )
    )
    tables.append(
        Table(
            _("Pilihan"),
            [_("Kolom"), _("Kode"), _("Arti")],
            [[column, code, str(label)] for column, choices in CHOICE_SETS[kind] for code, label in choices],
        )
    )
    return tables


def write_template(path, kind: str, user) -> int:
    return write_xlsx(path, template_tables(kind, user))
