"""Spreadsheets built in memory for the import tests, and a snapshot of what an import may change."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from dataio.importers.innovation import COLUMNS as INNOVATION_COLUMNS
from innovations.models import Innovation, InnovationSDG, Replication
from stories.models import ImpactStory

HEADERS = [c.header for c in INNOVATION_COLUMNS if c.kind != "readonly"]


def xlsx_bytes(rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(rows, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def upload(content: bytes, name="data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def innovation_row(world, n=1, **overrides) -> dict:
    """A valid row (by header) creating a draft of hub A's coached institution."""
    row = {
        "Hub (kode)": world.hub_a.slug,
        "Instansi (kode)": world.coached_a.slug,
        "Judul": f"Layanan Keliling Uji {n}",
        "Ringkasan": "Petugas datang ke rumah warga lanjut usia.",
        "Tahapan": "penerapan",
        "Jenis": "digital",
        "Mulai diterapkan": "2022-01-15",
        "TPB/SDG (nomor)": "16; 10",
    }
    row.update(overrides)
    return row


def table(rows: list[dict], headers=None) -> list[list]:
    headers = headers or list(dict.fromkeys(h for row in rows for h in row)) or HEADERS
    return [headers, *[[row.get(h) for h in headers] for row in rows]]


def read_xlsx(content: bytes, sheet=0) -> list[list]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def snapshot() -> dict:
    """Everything an import could write, to compare before and after a rejected file."""
    return {
        "innovations": sorted(Innovation.objects.values_list("pk", "title", "version", "updated_at")),
        "sdg_links": sorted(InnovationSDG.objects.values_list("innovation_id", "sdg_id", "relevance")),
        "history": Innovation.history.count(),
        "replications": sorted(Replication.objects.values_list("pk", "stage", "version")),
        "stories": sorted(ImpactStory.objects.values_list("pk", "title", "version")),
    }
