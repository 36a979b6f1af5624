#!/usr/bin/env python
"""Benchmark of the spreadsheet import: a file of new innovations read, checked (dry run) and committed.

    .venv/bin/python scripts/bench_import.py [--rows 10000] [--existing 0] [--keep] [--trace]

By default it works in a throw-away SQLite file. To measure PostgreSQL, give it a database of its own
(the script migrates it, loads the reference data and adds, then deletes, its innovations):

    createdb -h 127.0.0.1 jipp_imp_bench
    DATABASE_URL=postgres://root@127.0.0.1:5432/jipp_imp_bench .venv/bin/python scripts/bench_import.py

What it does:
1. `seed_reference` (the real hubs, institutions, regions, categories, SDGs) and a user "bench-import",
   admin of every hub: the most common importer; with --existing, demo innovations on those hubs first
   (a populated registry: the import reads its titles and slugs);
2. an XLSX with the innovation template's two header rows (dataio.importers.template) and --rows
   new drafts spread over the hubs, their networks, categories, regions and SDGs, each with a SINOVIK ID;
3. times, through the functions the import task runs: reading and parsing the file alone, the check
   phase (import_job_check: parse + dry run, always rolled back) and the commit phase (import_job_commit:
   parse + import in one transaction). Each line gives seconds, rows/s, database queries and memory
   (process peak RSS; with --trace also the Python peak of that phase, which slows the run down).

The target (docs/performance.md): 10,000 rows in at most 30 s per phase.
"""

import argparse
import datetime
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The words of the generated titles and aspects: their lengths are realistic, their prose is not.
VOCABULARY = (
    "layanan warga desa digital terpadu keliling cepat mudah aman sehat sekolah pasar izin data peta "
    "antrean daring pangan air bersih sampah kesehatan ibu anak petani nelayan umkm pajak"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--existing", type=int, default=0, help="first top the registry up to this many demo innovations (is_demo)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the imported innovations (and the SQLite file)")
    parser.add_argument("--trace", action="store_true", help="also measure each phase's Python peak (tracemalloc)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jipp-bench-import-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_REPORTS_ROOT", str(workdir / "private"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jipp.settings.local")
    # As in production: DEBUG would keep every query in memory, and the phases run here, in this process.
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.pop("CELERY_BROKER_URL", None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0, stdout=io.StringIO())
    user = bench_user()
    seed_existing(args.existing)
    tag = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    from innovations.models import Innovation

    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); run {tag}; {args.rows:,} rows "
        f"into a registry of {Innovation.objects.count():,} innovations"
    )

    started = time.perf_counter()
    content = build_file(user, args.rows, tag)
    print(f"file built in {time.perf_counter() - started:.1f} s: {len(content) / 1e6:.1f} MB")

    try:
        run_phases(user, content, args.rows, args.trace)
        check_result(tag, args.rows)
    finally:
        if not args.keep:
            clean_up(tag)
    if not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def bench_user():
    from django.contrib.auth import get_user_model

    from dataio.importers.lookups import hubs_queryset
    from hubs.models import HubMembership
    from jipp.choices import MembershipRole

    user, _created = get_user_model().objects.get_or_create(username="bench-import")
    for hub in hubs_queryset():
        HubMembership.objects.get_or_create(user=user, hub=hub, defaults={"role": MembershipRole.ADMIN})
    return user


def seed_existing(n: int):
    """Demo innovations on the seeded hubs (kept between runs, like scripts/bench_reports.py's)."""
    from dataio.importers.lookups import hubs_queryset
    from innovations.models import Innovation

    existing = Innovation.objects.filter(is_demo=True, slug__startswith="bench-import-demo-").count()
    hubs = list(hubs_queryset().values_list("pk", flat=True))
    Innovation.objects.bulk_create(
        (
            Innovation(
                hub_id=hubs[i % len(hubs)],
                institution_id=hubs[i % len(hubs)],
                title=f"Inovasi contoh {i}",
                slug=f"bench-import-demo-{i}",
                ringkasan="Ringkasan contoh untuk uji beban.",
                is_demo=True,
            )
            for i in range(existing, n)
        ),
        batch_size=2000,
    )


def build_file(user, rows: int, tag: str) -> bytes:
    """The innovation template (headers and code sheets as a user downloads them), filled with `rows` drafts."""
    from django.utils import translation
    from openpyxl import Workbook

    from dataio.importers.template import template_tables

    with translation.override("id"):
        tables = {t.title: t for t in template_tables("innovations", user)}
    data = tables["Data"]
    headers = list(data.headers)
    hubs = [r[0] for r in tables["Hub"].rows if r[2] == "Ya"]
    network = {hub: [hub] for hub in hubs}
    for slug, _name, _acronym, coaching_hub in tables["Instansi"].rows:
        if coaching_hub in network:
            network[coaching_hub].append(slug)
    categories = [r[0] for r in tables["Kategori"].rows] + [""]
    regencies = [(r[0], r[2]) for r in tables["Kabupaten-kota"].rows]
    choices: dict[str, list] = {}
    for column, code, _meaning in tables["Pilihan"].rows:
        choices.setdefault(column, []).append(code)

    rng = random.Random(9)
    vocabulary = VOCABULARY.split()

    def words(n: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(n)).capitalize() + "."

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(headers)
    ws.append(data.rows[0])  # the English header row, as in the template
    for n in range(1, rows + 1):
        hub = hubs[n % len(hubs)]
        regency, province = rng.choice(regencies)
        values = {
            "ID SINOVIK": f"BENCH-{tag}-{n}",
            "Hub (kode)": hub,
            "Instansi (kode)": rng.choice(network[hub]),
            "Judul": f"{words(4)[:-1]} {n} (uji {tag})",
            "Ringkasan": words(80),
            "Latar belakang dan tujuan": words(40),
            "Kebaruan / nilai tambah": words(30),
            "Implementasi": words(40),
            "Tahapan": rng.choice(choices["Tahapan"]),
            "Jenis": rng.choice(choices["Jenis"]),
            "Inisiator": rng.choice(choices["Inisiator"]),
            "Mulai diterapkan": datetime.date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            "Kelompok": rng.choice(choices["Kelompok"]),
            "Kategori": rng.choice(categories),
            "Provinsi (kode)": province,
            "Kabupaten/kota (kode)": regency,
            "TPB/SDG (nomor)": "; ".join(str(s) for s in sorted(rng.sample(range(1, 18), rng.randint(1, 3)))),
            "Tautan video": f"https://www.youtube.com/watch?v=bench{n}" if n % 4 == 0 else "",
            "Keberlanjutan": rng.choice(choices["Keberlanjutan"]),
        }
        ws.append([values.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Measure:
    """Wall time, database queries and memory of one phase."""

    def __init__(self, label: str, rows: int, trace: bool):
        self.label, self.rows, self.trace = label, rows, trace
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        from django.db import connection

        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        if self.trace:
            tracemalloc.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.started
        peak = tracemalloc.get_traced_memory()[1] if self.trace else 0
        if self.trace:
            tracemalloc.stop()
        self._wrapper.__exit__(*exc)
        if exc[0] is None:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{self.label:32s} {elapsed:7.2f} s  {self.rows / elapsed:7.0f} rows/s  "
                f"{self.queries:>7,} queries  "
                + (f"python peak {peak / 1e6:6.1f} MB  " if self.trace else "")
                + f"process max RSS {rss:5.0f} MB"
            )
        return False


def run_phases(user, content: bytes, rows: int, trace: bool):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dataio.importers import jobs
    from dataio.importers.base import parse_sheet, read_upload
    from dataio.importers.innovation import InnovationImporter
    from dataio.models import ImportJob, ImportStatus

    with Measure("read + parse", rows, trace):
        sheet = read_upload(SimpleUploadedFile("bench.xlsx", content))
        parsed = parse_sheet(InnovationImporter(user), sheet)
    errors = [e for row in parsed for e in row.errors]
    assert not errors, errors[:5]
    del parsed

    # The task is not queued: each phase runs here, in this process, as the worker would run it.
    with mock.patch.object(jobs, "job_dispatch"):
        job = jobs.import_job_create(user=user, kind="innovations", uploaded=SimpleUploadedFile("bench.xlsx", content))
    with Measure("check (dry run)", rows, trace):
        status = jobs.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    assert status == ImportStatus.READY, (status, job.message, job.errors[:5])
    assert job.created_count == rows, job.created_count
    with mock.patch.object(jobs, "job_dispatch"):
        jobs.import_job_confirm(job=job, user=user)
    with Measure("commit", rows, trace):
        status = jobs.import_job_commit(job_id=job.pk)
    job = ImportJob.objects.get(pk=job.pk)
    assert status == ImportStatus.DONE, (status, job.message, job.errors[:5])


def check_result(tag: str, rows: int):
    from innovations.models import Innovation, InnovationSDG

    imported = Innovation.objects.filter(sinovik_id__startswith=f"BENCH-{tag}-")
    counts = (
        imported.count(),
        Innovation.history.filter(sinovik_id__startswith=f"BENCH-{tag}-", history_type="+").count(),
        InnovationSDG.objects.filter(innovation__in=imported).count(),
    )
    print(f"imported: {counts[0]:,} innovations, {counts[1]:,} history records, {counts[2]:,} SDG links")
    assert counts[0] == counts[1] == rows, counts


def clean_up(tag: str):
    from django.db import transaction

    from innovations.models import Innovation

    with transaction.atomic():
        imported = Innovation.objects.filter(sinovik_id__startswith=f"BENCH-{tag}-")
        Innovation.history.filter(sinovik_id__startswith=f"BENCH-{tag}-").delete()
        imported.delete()


if __name__ == "__main__":
    main()
