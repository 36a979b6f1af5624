"""Hostile and broken files are refused with a clear message, and the database is unchanged after each."""

import io
import zipfile

import pytest
from django.urls import reverse

from dataio.importers import base
from dataio.models import ImportJob, ImportStatus
from innovations.models import Innovation
from tests.imports.helpers import HEADERS, csv_bytes, innovation_row, snapshot, table, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _attempt(post, client, world, content, name="inovasi.xlsx"):
    """Upload as hub A's admin; returns the messages the user sees (form error or preview errors)."""
    client.force_login(world.admin)
    response = post(reverse("imports:import_home"), {"kind": "innovations", "file": upload(content, name)})
    if response.status_code == 400:
        assert not ImportJob.objects.exists()
        return response.content.decode()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert not job.file  # the rejected file is not kept
    # Confirming a rejected file does nothing.
    post(reverse("imports:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    return client.get(reverse("imports:import_detail", args=[job.pk])).content.decode()


def _zip(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def _cases(world):
    good = innovation_row(world, 1)
    return {
        "wrong headers": (xlsx_bytes([["Nama", "Alamat"], ["a", "b"]]), "kolom “Nama” tidak dikenal"),
        "missing header": (
            xlsx_bytes(table([{k: v for k, v in good.items() if k != "Judul"}])),
            "kolom wajib “Judul” tidak ada",
        ),
        "bad date": (xlsx_bytes(table([{**good, "Mulai diterapkan": "kemarin"}])), "tanggal “kemarin” tidak valid"),
        "unknown hub": (xlsx_bytes(table([{**good, "Hub (kode)": "hub-khayalan"}])), "“hub-khayalan” tidak dikenal"),
        "unknown institution": (
            xlsx_bytes(table([{**good, "Instansi (kode)": "instansi-khayalan"}])),
            "“instansi-khayalan” tidak dikenal",
        ),
        "duplicate titles": (
            xlsx_bytes(table([good, innovation_row(world, 2), {**good, "Judul": " layanan keliling UJI 1 "}])),
            "sama dengan baris 2",
        ),
        "text in number column": (xlsx_bytes(table([{**good, "ID": "dua belas"}])), "harus berupa angka bulat"),
        "empty file": (b"", "Berkas kosong"),
        "blank csv": (b"\r\n\r\n", "Berkas kosong"),
        "headers only": (xlsx_bytes([HEADERS]), "tidak berisi baris data"),
        "formula xlsx": (xlsx_bytes(table([{**good, "Judul": "=cmd|' /C calc'!A0"}])), "rumus tidak diterima"),
        "formula csv plus": (
            csv_bytes(table([{**good, "Ringkasan": "+cmd|' /C notepad'!A1"}])),
            "rumus tidak diterima",
        ),
        "formula csv at": (csv_bytes(table([{**good, "Ringkasan": "@SUM(1+1)*cmd|' /C calc'!A0"}])), "rumus"),
        "zip bomb disguised as xlsx": (
            _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>", "xl/bom.bin": b"\0" * 5_000_000}),
            "tidak wajar",
        ),
        "pdf renamed to xlsx": (b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF", "bukan spreadsheet"),
        "png renamed to xlsx": (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "bukan spreadsheet"),
        "docx renamed to xlsx": (
            _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
            "bukan spreadsheet",
        ),
        "damaged xlsx": (
            _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "bukan xml"}),
            "bukan spreadsheet",
        ),
    }


CASE_NAMES = [
    "wrong headers",
    "missing header",
    "bad date",
    "unknown hub",
    "unknown institution",
    "duplicate titles",
    "text in number column",
    "empty file",
    "blank csv",
    "headers only",
    "formula xlsx",
    "formula csv plus",
    "formula csv at",
    "zip bomb disguised as xlsx",
    "pdf renamed to xlsx",
    "png renamed to xlsx",
    "docx renamed to xlsx",
    "damaged xlsx",
]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_hostile_file_is_rejected_and_changes_nothing(client, post, world, case):
    """Each hostile file gets a clear message and leaves the database as it was."""
    from tests.factories.innovations import InnovationFactory

    InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Sudah ada")
    content, expected = _cases(world)[case]
    name = "inovasi.csv" if "csv" in case else "inovasi.xlsx"
    before = snapshot()
    page = _attempt(post, client, world, content, name=name)
    assert expected in page
    assert snapshot() == before


def test_file_over_the_size_limit_is_refused(client, post, world, monkeypatch):
    monkeypatch.setattr(base, "MAX_IMPORT_BYTES", 2048)
    rows = [innovation_row(world, n, Ringkasan="kata " * 50) for n in range(1, 20)]
    before = snapshot()
    page = _attempt(post, client, world, xlsx_bytes(table(rows)))
    assert "Berkas terlalu besar" in page
    assert snapshot() == before


def test_bad_row_reports_row_and_column_in_words(client, post, world):
    rows = [innovation_row(world, 1), innovation_row(world, 2, Tahapan="selesai")]
    _attempt(post, client, world, xlsx_bytes(table(rows)))
    job = ImportJob.objects.get()
    assert job.errors == [
        {
            "row": 3,
            "column": "Tahapan",
            "message": "“selesai” bukan pilihan yang sah; pilih salah satu: inisiatif, uji_coba, penerapan",
        }
    ]


def test_semicolon_csv_and_quoted_formula_text_are_accepted(client, post, world):
    """A CSV saved with ";" (Indonesian locale) imports; text protected by an apostrophe is plain text."""
    row = innovation_row(world, 1, Ringkasan="'- poin pertama")
    client.force_login(world.admin)
    response = post(
        reverse("imports:import_home"),
        {"kind": "innovations", "file": upload(csv_bytes(table([row]), delimiter=";"), "inovasi.csv")},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.READY, job.errors
    post(reverse("imports:import_confirm", args=[job.pk]))
    assert Innovation.objects.get().ringkasan == "- poin pertama"
