"""The template a hub admin fills in (marked required columns, notes, dropdowns, frozen header, an
example row the import leaves out) and the finished import (drafts said plainly, a link to exactly
the records it wrote, which no one else can open)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dataio.importers import get_importer_class
from dataio.models import ImportJob, ImportStatus
from innovations.choices import Stage
from innovations.models import Innovation
from stories.models import ImpactStory
from tests.factories.innovations import InnovationFactory
from tests.imports.helpers import innovation_row, snapshot, upload

pytestmark = pytest.mark.django_db


def _template(client, kind="innovations"):
    response = client.get(reverse("imports:import_template", args=[kind]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _columns(kind):
    return [c for c in get_importer_class(kind).columns if c.kind != "readonly"]


def _validations(ws) -> dict:
    """{column letter: (formula, first row of the cells it covers)}."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        for cells in str(validation.sqref).split():
            column, first = re.match(r"([A-Z]+)(\d+)", cells).groups()
            found[column] = (validation.formula1, int(first))
    return found


def _column_letter(kind, key):
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.key for c in _columns(kind)].index(key) + 1)


def _import(client, post, content, kind="innovations") -> ImportJob:
    post(reverse("imports:import_home"), {"kind": kind, "file": upload(content, "isi.xlsx")})
    return ImportJob.objects.latest("pk")


def _filled(wb, rows: list[dict], keep_example=True) -> bytes:
    """The downloaded template with rows (by Indonesian header) added under it, saved again."""
    ws = wb["Data"]
    headers = [str(c.value).removesuffix(" *") for c in ws[1]]
    if not keep_example:
        ws.delete_rows(3)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["innovations", "replications", "stories"])
def test_template_marks_required_columns_from_the_importer_and_freezes_the_header(client, world, kind):
    """Row 1 headers of required columns end in " *" on a coloured cell, every header says in a
    comment what it takes, and rows 1–2 (both header rows) stay in view."""
    client.force_login(world.staff)
    ws = _template(client, kind)["Data"]
    assert ws.freeze_panes == "A3"
    for cell, column in zip(ws[1], _columns(kind), strict=True):
        assert cell.value == (f"{column.header} *" if column.required else column.header)
        assert cell.comment is not None and cell.comment.text.startswith(
            "Wajib diisi." if column.required else "Boleh kosong."
        )
        assert (cell.fill.fgColor.rgb == "00FCE4C4") is column.required
    assert [c.value for c in ws[2]] == [c.header_en for c in _columns(kind)]
    assert all((ws.column_dimensions[c.column_letter].width or 0) >= 12 for c in ws[1])


def test_template_dropdowns_point_at_the_code_sheets(client, world):
    """A code column lists its code sheet's codes (exactly its rows), a choice column its block of the
    Pilihan sheet, from the first row under the headers down."""
    client.force_login(world.admin)
    wb = _template(client)
    ws = wb["Data"]
    validations = _validations(ws)
    hubs = wb["Hub"].max_row
    assert validations[_column_letter("innovations", "hub")] == (f"'Hub'!$A$2:$A${hubs}", 3)
    institutions = wb["Instansi"].max_row
    assert validations[_column_letter("innovations", "institution")] == (f"'Instansi'!$A$2:$A${institutions}", 3)
    assert validations[_column_letter("innovations", "regency")][0].startswith("'Kabupaten-kota'!$A$2:")
    formula, first = validations[_column_letter("innovations", "stage")]
    start, stop = map(int, re.fullmatch(r"'Pilihan'!\$B\$(\d+):\$B\$(\d+)", formula).groups())
    block = [[c.value for c in row] for row in wb["Pilihan"].iter_rows(min_row=start, max_row=stop)]
    assert [row[1] for row in block] == list(Stage.values)
    assert {row[0] for row in block} == {"Tahapan"}
    # Free text, numbers and SDGs have no list.
    assert _column_letter("innovations", "title") not in validations
    assert _column_letter("innovations", "sdgs") not in validations


def test_story_template_offers_yes_no_for_a_yes_no_column(client, world):
    client.force_login(world.staff)
    validations = _validations(_template(client, "stories")["Data"])
    assert validations[_column_letter("stories", "consent_name_public")][0] == '"Ya,Tidak"'


def test_example_row_is_marked_and_takes_real_codes(client, world):
    """Row 3 starts with CONTOH / EXAMPLE in grey italics; its hub is one the user may import for,
    its institution one of that hub's network (from the code sheets, not invented); optional columns
    show their default or nothing."""
    client.force_login(world.admin)
    ws = _template(client)["Data"]
    example = {c.key: cell for c, cell in zip(_columns("innovations"), ws[3], strict=False)}
    assert example["id"].value == "CONTOH / EXAMPLE"
    assert example["id"].font.italic
    assert example["hub"].value == world.hub_a.slug
    assert example["institution"].value in {world.hub_a.slug, world.coached_a.slug}
    assert example["group"].value == "umum"  # a column's default
    assert example["stage"].value is None  # optional, no default: left empty


def test_untouched_template_creates_nothing_and_says_the_example_was_skipped(client, post, world):
    client.force_login(world.admin)
    wb = _template(client)
    before = snapshot()
    job = _import(client, post, _filled(wb, []))
    assert job.status == ImportStatus.INVALID
    assert "contoh" in job.message and "tidak ada data yang diimpor" in job.message
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "baris contoh templat (baris 3)" in page
    assert snapshot() == before


def test_example_row_left_above_real_rows_is_skipped_and_listed(client, post, world):
    client.force_login(world.admin)
    job = _import(client, post, _filled(_template(client), [innovation_row(world, 1), innovation_row(world, 2)]))
    assert job.status == ImportStatus.READY, job.errors
    assert job.created_count == 2
    assert job.plan[0] == {"row": 3, "action": "example", "label": ""}
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert not Innovation.objects.filter(title__startswith="Contoh").exists()
    assert Innovation.objects.filter(title__startswith="Layanan Keliling Uji").count() == 2


def _finished_innovation_import(client, post, world) -> tuple[ImportJob, Innovation]:
    # An existing draft of the same hub, updated by the file, and one the file leaves alone.
    updated = InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Layanan Keliling Uji 3")
    InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Tidak diimpor")
    rows = [innovation_row(world, 1), innovation_row(world, 2), innovation_row(world, 3)]
    client.force_login(world.admin)
    job = _import(client, post, _filled(_template(client), rows, keep_example=False))
    assert job.status == ImportStatus.READY, job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    return job, updated


def test_finished_import_says_drafts_and_links_to_exactly_its_records(
    client, post, world, django_assert_max_num_queries
):
    job, updated = _finished_innovation_import(client, post, world)
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "berstatus draf" in page and "ajukan untuk ditinjau" in page
    link = f"{reverse('innovations:innovation_list')}?import_job={job.pk}"
    assert f'href="{link}"' in page
    assert "Lihat 3 data yang dibuat atau diubah impor ini" in page
    with django_assert_max_num_queries(20):
        listed = client.get(link)
    titles = {i.title for i in listed.context["innovations"]}
    assert titles == {"Layanan Keliling Uji 1", "Layanan Keliling Uji 2", updated.title}
    assert set(Innovation.objects.filter(title__in=titles).values_list("status", flat=True)) == {"draft"}
    assert f"impor #{job.pk}" in listed.content.decode()  # the list says why it is short


@pytest.mark.parametrize("who", ["other", "editor", "anonymous"])
def test_another_user_sees_nothing_through_the_link(client, post, world, who):
    """The link lists the import's records only for its uploader (and staff): an admin of another hub,
    even an editor of the same hub, or the public get an empty list, in the pages and the API."""
    job, _updated = _finished_innovation_import(client, post, world)
    client.logout()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    listed = client.get(reverse("innovations:innovation_list"), {"import_job": job.pk})
    assert listed.status_code == 200
    assert list(listed.context["innovations"]) == []


def test_staff_sees_the_records_of_any_import(client, post, world):
    job, _updated = _finished_innovation_import(client, post, world)
    client.force_login(world.staff)
    listed = client.get(reverse("innovations:innovation_list"), {"import_job": job.pk})
    assert len(listed.context["innovations"]) == 3


def test_story_import_links_to_its_drafts_in_the_story_list(client, post, world):
    from tests.factories.stories import ActivityTypeFactory, ImpactStoryFactory, ProgrammeFactory

    programme = ProgrammeFactory(hub=world.hub_a)
    activity = ActivityTypeFactory()
    other = ImpactStoryFactory(programme=programme, province=world.province, activity_type=activity, title="Lain")
    row = {
        "Judul": "Kisah impor",
        "Program": programme.slug,
        "Nama perpustakaan": "Perpustakaan Desa Uji",
        "Tingkat perpustakaan": "desa",
        "Provinsi": world.province.code,
        "Jenis kegiatan": activity.slug,
        "Kisah sebelum": "Sebelum.",
        "Kisah sesudah": "Sesudah.",
        "Tanggal kisah": "2024-03-01",
    }
    client.force_login(world.admin)
    job = _import(client, post, _filled(_template(client, "stories"), [row]), kind="stories")
    assert job.status == ImportStatus.READY, job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "berstatus draf" in page
    listed = client.get(reverse("stories:story_list"), {"import_job": job.pk})
    titles = [s.title for s in listed.context["stories"]]
    assert titles == ["Kisah impor"] and other.title not in titles
    assert ImpactStory.objects.get(title="Kisah impor").status == "draft"
    client.force_login(world.other)
    assert list(client.get(reverse("stories:story_list"), {"import_job": job.pk}).context["stories"]) == []


def test_an_import_of_another_kind_lists_nothing(client, post, world):
    job, _updated = _finished_innovation_import(client, post, world)
    listed = client.get(reverse("stories:story_list"), {"import_job": job.pk})
    assert list(listed.context["stories"]) == []


def test_counts_follow_the_active_language(client, post, world):
    """Figures on the import page are grouped the reader's way (1.234 in Indonesian, 1,234 in English)."""
    job, _updated = _finished_innovation_import(client, post, world)
    ImportJob.objects.filter(pk=job.pk).update(row_count=1234)
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert 'data-count="rows">1.234<' in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("imports:import_detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-count="rows">1,234<' in page


def test_import_page_help_follows_the_language(client, world):
    """The upload field's help was formatted once at start-up, so English pages kept it in Indonesian."""
    client.force_login(world.admin)
    page = client.get(reverse("imports:import_home")).content.decode()
    assert "Paling besar 10 MB" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("imports:import_home")).content.decode()
    assert "At most 10 MB" in page and "Paling besar" not in page


def test_the_import_filter_is_kept_when_other_filters_are_applied(client, post, world):
    """The list's filter form carries the import as a hidden field, so narrowing further keeps it."""
    job, _updated = _finished_innovation_import(client, post, world)
    page = client.get(reverse("innovations:innovation_list"), {"import_job": job.pk}).content.decode()
    assert re.search(rf'<input type="hidden" name="import_job" value="{job.pk}"', page)
    listed = client.get(reverse("innovations:innovation_list"), {"import_job": job.pk, "q": "Keliling Uji 1"})
    assert [i.title for i in listed.context["innovations"]] == ["Layanan Keliling Uji 1"]


def test_finished_import_page_in_english(client, post, world):
    job, _updated = _finished_innovation_import(client, post, world)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "The records this import created are drafts." in page
    assert "See the 3 records this import created or changed" in page
    home = client.get(reverse("imports:import_home")).content.decode()
    assert "Columns marked * are required." in home and "Kolom bertanda" not in home


def test_the_api_lists_the_same_records_of_an_import(client, post, world):
    """The API's lists use the same FilterSets: `?import_job=` gives the uploader the import's records
    and another hub's admin none."""
    from tests.api.conftest import token_client

    job, _updated = _finished_innovation_import(client, post, world)
    url = f"/api/v1/innovations/?import_job={job.pk}"
    mine = token_client(world.admin).get(url)
    assert mine.status_code == 200
    assert len(mine.json()["results"]) == 3
    assert token_client(world.other).get(url).json()["results"] == []
    assert token_client(world.admin).get("/api/v1/innovations/?import_job=0").status_code == 400


def test_an_import_without_recorded_records_offers_no_empty_link(client, post, world):
    """An import finished before its records were kept would link to an empty list: no link then."""
    job, _updated = _finished_innovation_import(client, post, world)
    job.records.all().delete()
    page = client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()
    assert "berstatus draf" in page
    assert "import_job=" not in page
