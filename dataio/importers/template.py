"""The downloadable template of each import: the Data sheet to fill in, then the code sheets.

Everything about a column comes from the importer's column declarations (base.ImportColumn), the
same the importer reads the file with: its headers (Indonesian row 1, English row 2), whether it is
required (marked header), what it takes (a note on its header), its dropdown (the code sheet of its
`lookup`, the choices of a choice column, Ya/Tidak) and the value of the example row (row 3, whose
first cell is base.EXAMPLE_MARKER, so that the importer leaves it out). Written with reports' writers
(formula injection neutralised), in the column order the importer and the list export use.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from dataio.importers import get_importer_class
from dataio.importers.base import EXAMPLE_MARKER, ImportColumn
from dataio.importers.lookups import hubs_queryset
from hubs.models import Institution, Province, Regency
from innovations.models import SDG, Category
from jipp import permissions
from reports.generators.writers import ListFrom, Table, write_xlsx
from stories.models import ActivityType, Programme

EXAMPLE_DATE = datetime.date(2024, 3, 31)  # the date the importer's own error message gives as example


def _institutions(user):
    """The institutions a user may name: their hubs' networks; every institution for staff."""
    qs = Institution.objects.select_related("coaching_hub").order_by("name")
    if permissions.is_ministry_staff(user):
        return qs
    hubs = permissions.admin_hub_ids(user)
    return qs.filter(Q(pk__in=hubs) | Q(coaching_hub__in=hubs))


def _code_table(lookup: str, user) -> Table | None:
    """The code sheet a `ref` column with this lookup takes its codes from (codes in column A)."""
    if lookup == "hubs":
        rows = [
            [h.slug, h.name, _("Ya") if permissions.can_manage_hub(user, h.pk) else _("Tidak")] for h in hubs_queryset()
        ]
        return Table(_("Hub"), [_("Kode"), _("Nama"), _("Anda boleh mengimpor")], rows)
    if lookup == "institutions":
        rows = [
            [i.slug, i.name, i.acronym, i.coaching_hub.slug if i.coaching_hub_id else ""] for i in _institutions(user)
        ]
        return Table(_("Instansi"), [_("Kode"), _("Nama"), _("Singkatan"), _("Hub pembina")], rows)
    if lookup == "categories":
        return Table(_("Kategori"), [_("Kode"), _("Nama")], [[str(c), c.name] for c in Category.objects.all()])
    if lookup == "programmes":
        return Table(_("Program"), [_("Kode"), _("Nama")], [[p.slug, p.name] for p in Programme.objects.all()])
    if lookup == "activities":
        rows = [[a.slug, a.name] for a in ActivityType.objects.all()]
        return Table(_("Jenis kegiatan"), [_("Kode"), _("Nama")], rows)
    if lookup == "provinces":
        return Table(_("Provinsi"), [_("Kode"), _("Nama")], [[p.code, p.name] for p in Province.objects.all()])
    if lookup == "regencies":
        rows = [[r.code, r.name, r.province_id] for r in Regency.objects.all()]
        return Table(_("Kabupaten-kota"), [_("Kode"), _("Nama"), _("Provinsi")], rows)
    return None  # e.g. innovations: too many for a sheet; the cell takes a slug or an ID


def _note(column: ImportColumn, sheet: str | None) -> str:
    """What the column takes, in words: the comment on its header."""
    parts = [_("Wajib diisi.") if column.required else _("Boleh kosong.")]
    if column.kind == "id":
        parts.append(_("Kosongkan untuk data baru; isi ID yang ada untuk mengubah data itu."))
    elif column.kind == "ref" and sheet:
        parts.append(_("Pilih kode dari lembar “%(s)s” (kolom Kode); nama juga diterima bila unik.") % {"s": sheet})
    elif column.kind == "ref":
        parts.append(_("Slug (bagian akhir alamat halamannya), ID SINOVIK, ID JIPPNas atau judul yang terdaftar."))
    elif column.kind == "choice":
        parts.append(_("Pilih dari daftar (lembar “%(s)s”).") % {"s": _("Pilihan")})
    elif column.kind == "date":
        parts.append(_("Tanggal: TTTT-BB-HH (mis. 2024-03-31) atau HH/BB/TTTT."))
    elif column.kind == "int":
        parts.append(_("Angka bulat, tanpa desimal dan tanpa satuan."))
    elif column.kind == "bool":
        parts.append(_("Ya atau Tidak."))
    elif column.kind == "sdgs":
        parts.append(_("Nomor TPB/SDG 1–17; beberapa dipisah titik koma (mis. 16; 10)."))
    if column.default not in (None, ""):
        default = (_("Ya") if column.default else _("Tidak")) if isinstance(column.default, bool) else column.default
        parts.append(_("Bila kosong: %(v)s.") % {"v": default})
    if column.help:
        parts.append(str(column.help))
    return " ".join(parts)


def _example_value(column: ImportColumn, code_table: Table | None, hub_code: str):
    """What the example row shows in a column: a value the importer accepts for a required column
    (from the code sheets, or a placeholder that invents no fact), the default of a column that has
    one, and nothing for the other optional columns (a user sees what a row needs at least)."""
    if column.default is not None:
        if isinstance(column.default, bool):
            return _("Ya") if column.default else _("Tidak")
        return column.default
    if not column.required:
        return ""
    if column.kind == "ref" and code_table is not None:
        if column.lookup == "hubs":
            return hub_code
        if column.lookup == "institutions":
            # An institution of the example hub's network, so that the example row is consistent.
            row = next((r for r in code_table.rows if hub_code in (r[0], r[3])), None)
            return (row or (code_table.rows or [[""]])[0])[0]
        return code_table.rows[0][0] if code_table.rows else ""
    if column.kind == "ref":
        return _("slug-inovasi")
    if column.kind == "choice":
        return column.choices[0][0]
    if column.kind == "date":
        return EXAMPLE_DATE
    if column.kind == "text":
        return _("Contoh: %(h)s") % {"h": column.header}
    return ""


def template_tables(kind: str, user) -> list[Table]:
    columns = [c for c in get_importer_class(kind).columns if c.kind != "readonly"]
    code_tables: dict[str, Table] = {}
    for column in columns:
        if column.kind == "ref" and column.lookup not in code_tables:
            table = _code_table(column.lookup, user)
            if table is not None:
                code_tables[column.lookup] = table
    if "hubs" not in code_tables:
        # The hub sheet also tells which hubs the user may import for: always there.
        code_tables = {"hubs": _code_table("hubs", user), **code_tables}
    extra = []
    if any(c.kind == "sdgs" for c in columns):
        extra.append(Table(_("TPB-SDG"), [_("Nomor"), _("Nama")], [[s.number, s.name] for s in SDG.objects.all()]))
    choices = Table(_("Pilihan"), [_("Kolom"), _("Kode"), _("Arti")], [])
    lists: dict[int, ListFrom] = {}
    for i, column in enumerate(columns):
        if column.kind == "ref" and column.lookup in code_tables:
            lists[i] = ListFrom(code_tables[column.lookup], column=0)
        elif column.kind == "choice":
            start = len(choices.rows)
            choices.rows.extend([column.header, code, str(label)] for code, label in column.choices)
            lists[i] = ListFrom(choices, column=1, start=start, stop=len(choices.rows))
        elif column.kind == "bool":
            lists[i] = ListFrom(values=(_("Ya"), _("Tidak")))

    hub_rows = code_tables["hubs"].rows
    hub_code = next((r[0] for r in hub_rows if r[2] == _("Ya")), hub_rows[0][0] if hub_rows else "")
    sheet_of = {lookup: table.title for lookup, table in code_tables.items()}
    example = [_example_value(c, code_tables.get(c.lookup), hub_code) for c in columns]
    example[0] = EXAMPLE_MARKER
    notes = {i: _note(c, sheet_of.get(c.lookup)) for i, c in enumerate(columns)}
    notes[0] += " " + _(
        "Baris 3 adalah contoh: sel pertamanya “%(m)s”, dan impor selalu melewatinya. Isi data Anda mulai baris 4 "
        "(atau timpa baris contoh)."
    ) % {"m": EXAMPLE_MARKER}
    data = Table(
        _("Data"),
        [c.header for c in columns],
        [],
        subheaders=[[c.header_en for c in columns]],
        example_rows=[example],
        freeze_header=True,
        required=frozenset(i for i, c in enumerate(columns) if c.required),
        notes=notes,
        lists=lists,
        widths={i: min(max(len(c.header), len(c.header_en), 12) + 4, 40) for i, c in enumerate(columns)},
    )
    return [data, *code_tables.values(), *extra, *([choices] if choices.rows else [])]


def write_template(path, kind: str, user) -> int:
    return write_xlsx(path, template_tables(kind, user))
