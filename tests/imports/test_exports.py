"""Export of list views (the filtered page, permissions and consent applied) and export → import round trips."""

import datetime
import io

import pytest
from django.urls import reverse

from dataio.models import ImportJob, ImportStatus
from innovations.models import SDG, Category, Innovation, InnovationSDG, Replication
from reports.models import ReportJob
from tests.factories.hubs import InstitutionFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.imports.helpers import read_xlsx, snapshot, upload

pytestmark = pytest.mark.django_db


def _download(client, name, fmt="xlsx", **filters):
    response = client.get(reverse("imports:export", args=[name]), {"format": fmt, **filters})
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def _csv_rows(content: bytes) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _import(client, post, user, kind, content, name):
    client.force_login(user)
    response = post(reverse("imports:import_home"), {"kind": kind, "file": upload(content, name)})
    assert response.status_code == 302, response.content.decode()[-3000:]
    return ImportJob.objects.latest("pk")


@pytest.fixture
def innovations(world):
    sdg = SDG.objects.get(number=5)
    first = InnovationFactory(
        institution=world.coached_a,
        hub=world.hub_a,
        title="Antar Jemput Dokumen",
        sinovik_id="SNV-77",
        category=Category.objects.get(year=2025, name__startswith="Transformasi digital")
        if Category.objects.filter(year=2025, name__startswith="Transformasi digital").exists()
        else Category.objects.first(),
        province_id=None,
    )
    InnovationSDG.objects.create(innovation=first, sdg=sdg, relevance="Perempuan kepala keluarga")
    second = InnovationFactory(institution=world.hub_a, hub=world.hub_a, title="-Rumus? =1+1", status="published")
    third = InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Draf Hub B")
    return first, second, third


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_innovation_export_round_trip_changes_nothing(client, post, world, innovations, fmt):
    """Export → import of the same file: every row skipped, no version or history moves."""
    client.force_login(world.admin)
    content = _download(client, "innovations", fmt, hub=world.hub_a.pk)
    before = snapshot()
    job = _import(client, post, world.admin, "innovations", content, f"ekspor.{fmt}")
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.errors
    assert (job.created_count, job.updated_count, job.skipped_count) == (0, 0, 2)
    post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert snapshot() == before
    # The SDG relevance note survives (the sheet carries only the numbers).
    assert InnovationSDG.objects.get(innovation=innovations[0]).relevance == "Perempuan kepala keluarga"


def test_edited_export_updates_by_id(client, post, world, innovations):
    client.force_login(world.admin)
    rows = read_xlsx(_download(client, "innovations", hub=world.hub_a.pk))
    headers = rows[0]
    target = next(r for r in rows[1:] if r[headers.index("Judul")] == "Antar Jemput Dokumen")
    target[headers.index("Tahapan")] = "uji_coba"
    target[headers.index("TPB/SDG (nomor)")] = "5; 16"
    from tests.imports.helpers import xlsx_bytes

    job = _import(client, post, world.admin, "innovations", xlsx_bytes(rows), "ubah.xlsx")
    job.refresh_from_db()
    assert (job.created_count, job.updated_count, job.skipped_count) == (0, 1, 1)
    post(reverse("imports:import_confirm", args=[job.pk]))
    first = Innovation.objects.get(pk=innovations[0].pk)
    assert first.stage == "uji_coba"
    assert sorted(first.sdg_links.values_list("sdg__number", flat=True)) == [5, 16]


def test_export_follows_filters_and_permissions(client, world, innovations):
    """Anonymous visitors export published records only; the hub filter narrows like the page."""
    rows = _csv_rows(_download(client, "innovations", "csv"))
    titles = {r[rows[0].index("Judul")] for r in rows[1:]}
    assert titles == {"'-Rumus? =1+1"}
    client.force_login(world.staff)
    rows = _csv_rows(_download(client, "innovations", "csv", hub=world.hub_b.pk))
    assert [r[rows[0].index("Judul")] for r in rows[1:]] == ["Draf Hub B"]


def test_exported_cells_are_protected_against_formula_injection(client, world, innovations):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe, in CSV and XLSX."""
    rows = _csv_rows(_download(client, "innovations", "csv"))
    assert rows[1][rows[0].index("Judul")] == "'-Rumus? =1+1"
    rows = read_xlsx(_download(client, "innovations", "xlsx"))
    assert rows[1][rows[0].index("Judul")] == "'-Rumus? =1+1"


def test_large_export_becomes_a_report_job_only_when_the_form_is_posted(
    client, world, innovations, monkeypatch, django_capture_on_commit_callbacks
):
    """A GET (a link, a prefetch, a crawler) queues nothing: it leads to the report form, prefilled
    with the list and its filters, and posting that form makes the job."""
    from dataio import views

    client.force_login(world.staff)
    monkeypatch.setattr(views, "EXPORT_INLINE_MAX", 1)
    response = client.get(reverse("imports:export", args=["innovations"]), {"format": "csv", "status": "draft"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("reports:job_create") + "?")
    assert not ReportJob.objects.exists()

    form_page = client.get(response["Location"])
    assert form_page.status_code == 200
    form = form_page.context["form"]
    data = {name: form[name].value() or "" for name in ("kind", "output_format", "language", "list", "filters")}
    assert data["kind"] == "list_export" and data["list"] == "innovations" and data["filters"] == "status=draft"
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("reports:job_create"), data)
    assert posted.status_code == 302
    job = ReportJob.objects.get()
    assert job.kind == "list_export" and job.output_format == "csv"
    assert job.params == {"list": "innovations", "filters": {"status": "draft"}}
    assert job.status == "succeeded"
    with job.file.open("rb") as fh:
        body = fh.read().decode("utf-8-sig")
    assert "Antar Jemput Dokumen" in body and "Draf Hub B" in body and "Rumus" not in body


def test_unknown_list_or_format(client, world):
    assert client.get(reverse("imports:export", args=["rahasia"])).status_code == 404
    assert client.get(reverse("imports:export", args=["innovations"]), {"format": "exe"}).status_code == 400


@pytest.mark.parametrize(
    "url,name",
    [
        ("hubs:hub_list", "hubs"),
        ("innovations:innovation_list", "innovations"),
        ("innovations:replication_list", "replications"),
        ("stories:story_list", "stories"),
    ],
)
def test_list_pages_offer_export_of_the_current_view(client, world, url, name):
    page = client.get(reverse(url), {"q": "air"} if name != "hubs" else {"kind": "provinsi"}).content.decode()
    export_url = reverse("imports:export", args=[name])
    assert f"{export_url}?format=csv&amp;" in page
    assert f"{export_url}?format=xlsx&amp;" in page


# --- replications ---------------------------------------------------------------------------


def test_replication_export_round_trip_and_import(client, post, world):
    source = InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Sumber", status="published")
    ReplicationFactory(innovation=source, adopter=world.hub_a, facilitating_hub=world.hub_a)
    adopter = InstitutionFactory(name="Kabupaten Peniru", coaching_hub=world.hub_a)
    client.force_login(world.admin)
    rows = read_xlsx(_download(client, "replications"))
    assert len(rows) == 2
    before = snapshot()
    from tests.imports.helpers import xlsx_bytes

    job = _import(client, post, world.admin, "replications", xlsx_bytes(rows), "rep.xlsx")
    job.refresh_from_db()
    assert (job.status, job.skipped_count) == (ImportStatus.READY, 1), job.errors
    assert snapshot() == before
    # A new row: the same innovation replicated by another institution of hub A's network.
    headers = rows[0]
    new = [None] * len(headers)
    new[headers.index("Inovasi sumber (slug)")] = source.slug
    new[headers.index("Instansi replikator (kode)")] = adopter.slug
    new[headers.index("Hub fasilitator (kode)")] = world.hub_a.slug
    new[headers.index("Tanggal komitmen")] = datetime.date(2024, 7, 1)
    job = _import(client, post, world.admin, "replications", xlsx_bytes([*rows, new]), "rep2.xlsx")
    job.refresh_from_db()
    assert (job.created_count, job.skipped_count) == (1, 1), job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert Replication.objects.filter(adopter=adopter, stage="komitmen").exists()


def test_replication_import_into_another_hub_is_refused(client, post, world):
    source = InnovationFactory(institution=world.coached_b, hub=world.hub_b, title="Milik B", status="published")
    from tests.imports.helpers import xlsx_bytes

    rows = [
        ["Inovasi sumber (slug)", "Instansi replikator (kode)", "Hub fasilitator (kode)"],
        [source.slug, world.coached_b.slug, world.hub_b.slug],
    ]
    before = snapshot()
    job = _import(client, post, world.admin, "replications", xlsx_bytes(rows), "rep.xlsx")
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["column"] == "Hub fasilitator (kode)"
    assert snapshot() == before


def test_export_reads_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    """No N+1: 30 innovations with SDG links export in the same few queries as 3."""
    for n in range(30):
        innovation = InnovationFactory(institution=world.coached_a, hub=world.hub_a, status="published")
        InnovationSDG.objects.create(innovation=innovation, sdg=SDG.objects.get(number=1 + n % 17))
    with django_assert_max_num_queries(8):
        rows = read_xlsx(_download(client, "innovations"))
    assert len(rows) == 31


def test_hub_list_export_downloads_at_once(client, world):
    rows = read_xlsx(_download(client, "hubs"))
    assert rows[0][0] == "Nama"
    assert {r[0] for r in rows[1:]} == {world.hub_a.name, world.hub_b.name}


def test_english_headers_in_row_one_are_accepted(client, post, world):
    from dataio.importers.innovation import COLUMNS
    from tests.imports.helpers import innovation_row, xlsx_bytes

    english = {c.header: c.header_en for c in COLUMNS}
    row = innovation_row(world, 1)
    content = xlsx_bytes([[english[h] for h in row], list(row.values())])
    job = _import(client, post, world.admin, "innovations", content, "en.xlsx")
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.READY, 1), job.errors


def test_benchmark_table_exports_at_once_with_its_sort(client, world):
    """The benchmarking table offers the same control; the export keeps the page's sort order."""
    page = client.get(reverse("hubs:benchmark"), {"sort": "-name"}).content.decode()
    assert reverse("imports:export", args=["benchmark"]) + "?format=csv&amp;sort=-name" in page
    rows = read_xlsx(_download(client, "benchmark", sort="-name"))
    assert [r[0] for r in rows[1:]] == sorted([world.hub_a.name, world.hub_b.name], reverse=True)
