"""New rows are created in batches and existing records read once per import; the outcome is the one
row after row would give: same rows, same order, same errors, same stop at the first error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dataio.importers.base import UploadedSheet, parse_sheet, run_import
from dataio.importers.innovation import InnovationImporter
from dataio.importers.replication import ReplicationImporter
from innovations.models import Innovation, Replication
from tests.factories.innovations import InnovationFactory
from tests.imports.helpers import snapshot, table, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(world, count: int, overrides=None) -> list[dict]:
    rows = []
    for n in range(1, count + 1):
        row = {
            "Hub (kode)": world.hub_a.slug,
            "Instansi (kode)": world.coached_a.slug,
            "Judul": f"Inovasi batch {n}",
            "ID SINOVIK": f"SNV-B-{n}",
            "Ringkasan": "Ringkas.",
            "TPB/SDG (nomor)": "16; 10",
        }
        row.update((overrides or {}).get(n, {}))
        rows.append(row)
    return rows


def _run(importer, rows: list[dict], *, commit: bool):
    parsed = parse_sheet(importer, UploadedSheet("xlsx", xlsx_bytes(table(rows)), "b.xlsx"))
    with CaptureQueriesContext(connection) as queries:
        outcome = run_import(importer, parsed, commit=commit)
    return outcome, len(queries)


def test_queries_do_not_grow_with_the_rows_to_create(world):
    """40 rows and 640 (two batches): the extra rows cost less than a query per ten rows (SQLite
    splits an INSERT by its parameter limit; PostgreSQL writes a batch in one)."""
    small, small_queries = _run(InnovationImporter(world.admin), _rows(world, 40), commit=False)
    large, large_queries = _run(InnovationImporter(world.admin), _rows(world, 640), commit=False)
    assert (small.created, large.created) == (40, 640)
    assert large_queries - small_queries < 600 / 10, (small_queries, large_queries)


def test_reimporting_unchanged_rows_reads_the_registry_once(world):
    """Matched by SINOVIK ID or by title, every row is skipped without a query of its own."""
    # Half of them without a SINOVIK ID: matched by institution and title.
    rows = _rows(world, 300, {n: {"ID SINOVIK": None} for n in range(1, 301, 2)})
    assert _run(InnovationImporter(world.admin), rows, commit=True)[0].committed
    outcome, queries = _run(InnovationImporter(world.admin), rows, commit=False)
    assert (outcome.skipped, outcome.created, outcome.updated) == (300, 0, 0)
    assert queries <= 10


def test_an_update_runs_after_the_new_rows_above_it(world):
    """Row 2 creates "Sama", row 3 renames another institution's innovation to "Sama": the new one
    keeps the plain slug, as when the rows ran one after another."""
    other = InnovationFactory(institution=world.hub_a, hub=world.hub_a, title="Lama", sinovik_id="SNV-L")
    rows = [
        {"Hub (kode)": world.hub_a.slug, "Instansi (kode)": world.coached_a.slug, "Judul": "Sama"},
        {"Hub (kode)": world.hub_a.slug, "Instansi (kode)": world.hub_a.slug, "Judul": "Sama", "ID SINOVIK": "SNV-L"},
    ]
    outcome, _queries = _run(InnovationImporter(world.admin), rows, commit=True)
    assert outcome.committed and [p["action"] for p in outcome.plan] == ["create", "update"]
    other.refresh_from_db()
    assert (Innovation.objects.get(institution=world.coached_a).slug, other.slug) == ("sama", "sama-2")


def test_a_real_import_stops_at_its_first_error_even_inside_a_waiting_batch(world):
    """Row 3 (a new row the service refuses) waits for its batch; row 4 updates an innovation. The
    import stops at row 3, reports only it, and never runs row 4's update."""
    existing = InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Ada", sinovik_id="SNV-E")
    rows = _rows(world, 3, {2: {"Ringkasan": "kata " * 201}, 3: {"ID SINOVIK": "SNV-E", "Judul": "Ada lagi"}})
    before = snapshot()
    outcome, _queries = _run(InnovationImporter(world.admin), rows, commit=True)
    assert not outcome.committed
    assert (outcome.created, outcome.updated) == (1, 0)
    assert outcome.errors == [
        {"row": 3, "column": "Ringkasan", "message": "Ringkasan paling banyak 200 kata; sekarang 201 kata."}
    ]
    assert snapshot() == before
    existing.refresh_from_db()
    assert existing.title == "Ada"


def test_the_preview_names_every_refused_row_across_batches_in_file_order(world):
    bad = {"Ringkasan": "kata " * 201}
    rows = _rows(world, 1_200, {2: bad, 700: {"Instansi (kode)": world.coached_b.slug}, 1_150: bad})
    before = snapshot()
    outcome, _queries = _run(InnovationImporter(world.admin), rows, commit=False)
    assert [(e["row"], e["column"]) for e in outcome.errors] == [
        (3, "Ringkasan"),
        (701, "Instansi (kode)"),
        (1_151, "Ringkasan"),
    ]
    assert (outcome.created, outcome.error_count) == (1_197, 3)
    assert [p["action"] for p in outcome.plan[:4]] == ["create", "error", "create", "create"]
    assert snapshot() == before


def test_replication_rows_are_created_in_a_batch_and_errors_keep_their_row(world):
    sources = [
        InnovationFactory(institution=world.hub_a, hub=world.hub_a, title=f"Sumber {n}", status="published")
        for n in range(3)
    ]
    headers = ["Inovasi sumber (slug)", "Instansi replikator (kode)", "Hub fasilitator (kode)", "Tahap"]
    data = [
        [sources[0].slug, world.coached_a.slug, world.hub_a.slug, "komitmen"],
        [sources[1].slug, world.hub_a.slug, world.hub_a.slug, "komitmen"],  # the owner itself
        [sources[2].slug, world.coached_a.slug, world.hub_a.slug, "komitmen"],
    ]
    rows = [dict(zip(headers, row, strict=True)) for row in data]
    outcome, _queries = _run(ReplicationImporter(world.admin), rows, commit=False)
    assert [(e["row"], e["column"]) for e in outcome.errors] == [(3, "Instansi replikator (kode)")]
    assert outcome.created == 2
    del rows[1]
    outcome, _queries = _run(ReplicationImporter(world.admin), rows, commit=True)
    assert outcome.committed
    assert Replication.objects.filter(adopter=world.coached_a, created_by=world.admin).count() == 2
    assert Replication.history.filter(history_type="+", history_user=world.admin).count() == 2


def test_innovations_and_replications_refuse_a_record_named_twice_or_an_unknown_id(world):
    """The shared checks of importers/base.py, each in its record's words."""
    unknown = {**_rows(world, 1)[0], "ID": 999_999, "ID SINOVIK": "SNV-X", "Judul": "Lain"}
    rows = [*_rows(world, 2, {2: {"ID SINOVIK": "SNV-B-1"}}), unknown]
    parsed = parse_sheet(InnovationImporter(world.admin), UploadedSheet("xlsx", xlsx_bytes(table(rows)), "b.xlsx"))
    assert [(row.number, row.errors) for row in parsed if row.errors] == [
        (3, [("ID SINOVIK", "sama dengan baris 2; satu inovasi hanya boleh satu baris")])
    ]
    outcome, _queries = _run(InnovationImporter(world.admin), rows[:1] + rows[2:], commit=False)
    assert outcome.errors == [{"row": 3, "column": "ID", "message": "tidak ada inovasi dengan ID 999999"}]

    source = InnovationFactory(institution=world.hub_a, hub=world.hub_a, title="Sumber", status="published")
    pair = {"Inovasi sumber (slug)": source.slug, "Instansi replikator (kode)": world.coached_a.slug}
    rows = [
        {**pair, "Hub fasilitator (kode)": world.hub_a.slug},
        {**pair, "Hub fasilitator (kode)": world.hub_a.slug, "Tahap": "komitmen"},
    ]
    parsed = parse_sheet(ReplicationImporter(world.admin), UploadedSheet("xlsx", xlsx_bytes(table(rows)), "r.xlsx"))
    assert parsed[1].errors == [
        ("Instansi replikator (kode)", "sama dengan baris 2; satu replikasi hanya boleh satu baris")
    ]
    outcome, _queries = _run(ReplicationImporter(world.admin), [{**rows[0], "ID": 999_999}], commit=False)
    assert outcome.errors == [{"row": 2, "column": "ID", "message": "tidak ada replikasi dengan ID 999999"}]
