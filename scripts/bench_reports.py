#!/usr/bin/env python
"""Benchmark of the reports: the network recap and a 50,000-innovation export, with time and memory.

    .venv/bin/python scripts/bench_reports.py [--innovations 50000] [--keep]

By default it works in a throw-away SQLite file (set DATABASE_URL to use PostgreSQL: use a database
of its own, the script adds demo rows). It loads the reference data (real hubs), adds demo
innovations (is_demo=True) with bulk_create, then runs each report through the same service as a
worker (report_job_run) and prints wall time, the Python peak (tracemalloc) and the process peak RSS.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--innovations", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the report files")
    parser.add_argument(
        "--trace", action="store_true", help="also measure the Python peak with tracemalloc (slows the run down)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jipp-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_REPORTS_ROOT", str(workdir / "reports"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jipp.settings.local")
    os.environ.pop("CELERY_BROKER_URL", None)  # the service is called directly, in this process

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    user = get_user_model().objects.filter(username="bench").first() or get_user_model().objects.create_superuser(
        "bench", "bench@example.org", None
    )
    print(f"database: {django.db.connection.vendor}; working folder: {workdir}")
    seed_demo(args.innovations)
    register_innovation_export()

    from reports import services

    for label, kind, fmt, params in [
        ("network recap (xlsx)", "network_recap", "xlsx", {}),
        ("network recap (csv)", "network_recap", "csv", {}),
        (f"export of {args.innovations:,} innovations (xlsx)", "list_export", "xlsx", {"list": "bench-innovations"}),
        (f"export of {args.innovations:,} innovations (csv)", "list_export", "csv", {"list": "bench-innovations"}),
    ]:
        if args.trace:
            tracemalloc.start()
        started = time.perf_counter()
        # With no broker the job runs in-process when the request commits, as on the embedded default.
        job = services.report_job_request(user=user, kind=kind, output_format=fmt, params=params)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if args.trace else 0
        tracemalloc.stop()
        job.refresh_from_db()
        outcome = job.status
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{label:45s} {outcome:9s} {elapsed:7.2f} s  rows {job.row_count or 0:>7,}  "
            f"file {(job.file_size or 0) / 1e6:6.2f} MB  "
            + (f"python peak {peak / 1e6:6.1f} MB  " if args.trace else "")
            + f"process max RSS {rss:6.0f} MB"
        )
    if not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


def seed_demo(n: int):
    """Demo innovations on the seeded (real) hubs; re-running tops up to n."""
    import datetime

    from django.db import transaction

    from hubs.selectors import hubs_list
    from innovations.models import Category, Innovation

    existing = Innovation.objects.filter(is_demo=True, slug__startswith="bench-").count()
    if existing >= n:
        return
    hubs = list(hubs_list().values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True)) + [None]
    statuses = ["published"] * 6 + ["draft", "submitted", "in_review", "rejected"]
    rng = random.Random(6)
    started = time.perf_counter()
    batch = []
    with transaction.atomic():
        for i in range(existing, n):
            hub = rng.choice(hubs)
            batch.append(
                Innovation(
                    hub_id=hub,
                    institution_id=hub,
                    title=f"Inovasi contoh {i}",
                    slug=f"bench-{i}",
                    status=rng.choice(statuses),
                    category_id=rng.choice(categories),
                    implementation_started_on=datetime.date(rng.randint(2014, 2025), rng.randint(1, 12), 1),
                    ringkasan="=Ringkasan contoh untuk uji beban.",
                    is_demo=True,
                )
            )
            if len(batch) == 5000:
                Innovation.objects.bulk_create(batch)
                batch = []
        Innovation.objects.bulk_create(batch)
    print(f"demo data: {n - existing:,} innovations in {time.perf_counter() - started:.1f} s")


def register_innovation_export():
    """A provisional innovations export for the benchmark (the real one comes with the innovations list)."""
    from django.db.models import F

    from dataio.exports import Column, ExportSpec, register_export
    from reports.selectors import visible_innovations

    def queryset(user, filters):
        return (
            visible_innovations(user)
            .order_by("pk")
            .values("pk", "title", "status", "ringkasan", "implementation_started_on")
            .annotate(
                hub_name=F("hub__name"), institution_name=F("institution__name"), category_name=F("category__name")
            )
        )

    register_export(
        ExportSpec(
            name="bench-innovations",
            label="Inovasi",
            queryset=queryset,
            columns=[
                Column("ID", lambda r: r["pk"]),
                Column("Judul", lambda r: r["title"]),
                Column("Status", lambda r: r["status"]),
                Column("Hub", lambda r: r["hub_name"]),
                Column("Instansi", lambda r: r["institution_name"]),
                Column("Kategori", lambda r: r["category_name"]),
                Column("Mulai diterapkan", lambda r: r["implementation_started_on"]),
                Column("Ringkasan", lambda r: r["ringkasan"]),
            ],
        )
    )


if __name__ == "__main__":
    main()
