"""All or nothing: a failure anywhere in a file leaves the database unchanged."""

import pytest
from django.urls import reverse

from dataio.importers.base import UploadedSheet, parse_sheet, run_import
from dataio.importers.innovation import InnovationImporter
from dataio.models import ImportJob, ImportStatus
from innovations.models import Innovation
from tests.imports.helpers import snapshot, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _file(world, rows: int, bad_row: int, bad: str) -> bytes:
    data = [["Hub (kode)", "Instansi (kode)", "Judul", "Ringkasan", "Mulai diterapkan"]]
    for n in range(2, rows + 2):
        summary, started = "Ringkas.", "2022-01-01"
        if n == bad_row and bad == "date":
            started = "2022-13-45"
        if n == bad_row and bad == "service":
            summary = "kata " * 201  # over 200 words: only innovation_create refuses it
        data.append([world.hub_a.slug, world.coached_a.slug, f"Inovasi massal {n}", summary, started])
    return xlsx_bytes(data)


def test_ten_thousand_rows_with_row_9999_bad_change_nothing(client, post, world):
    """The 10,000-row file is checked as a job; row 9,999 is named, it cannot be confirmed, and even a
    forced commit of its rows writes nothing."""
    content = _file(world, 10_000, 9_999, "date")
    before = snapshot()
    client.force_login(world.admin)
    post(reverse("imports:import_home"), {"kind": "innovations", "file": upload(content, "besar.xlsx")})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert job.row_count == 10_000
    assert job.errors == [
        {
            "row": 9_999,
            "column": "Mulai diterapkan",
            "message": "tanggal “2022-13-45” tidak valid; tulis TTTT-BB-HH (mis. 2024-03-31) atau HH/BB/TTTT",
        }
    ]
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert ImportJob.objects.get().status == ImportStatus.INVALID

    importer = InnovationImporter(world.admin)
    outcome = run_import(importer, parse_sheet(importer, UploadedSheet("xlsx", content, "besar.xlsx")), commit=True)
    assert not outcome.committed
    assert snapshot() == before


def _service_failure_near_the_end(world, rows: int):
    importer = InnovationImporter(world.admin)
    parsed = parse_sheet(importer, UploadedSheet("xlsx", _file(world, rows, rows - 1, "service"), "b.xlsx"))
    before = snapshot()
    outcome = run_import(importer, parsed, commit=True)
    assert not outcome.committed
    assert outcome.created == rows - 3  # every row before it went through innovation_create ...
    assert outcome.errors == [
        {"row": rows - 1, "column": "Ringkasan", "message": "Ringkasan paling banyak 200 kata; sekarang 201 kata."}
    ]
    assert Innovation.objects.count() == 0  # ... and was rolled back with it
    assert snapshot() == before


def test_a_service_failure_near_the_end_rolls_back_every_row(world):
    """The transaction, not a pre-check: rows already saved by the service are undone."""
    _service_failure_near_the_end(world, 150)


def test_ten_thousand_rows_service_failure_at_row_9999_rolls_back(world):
    """New rows are created in batches (innovations_bulk_create): seconds, where row by row took minutes."""
    _service_failure_near_the_end(world, 10_000)
