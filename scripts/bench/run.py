#!/usr/bin/env python
"""The benchmark: the portal under gunicorn with production settings, loaded by wrk, at two data scales.

    .venv/bin/python scripts/bench/run.py                 # both scales, 10 s per endpoint and concurrency
    .venv/bin/python scripts/bench/run.py --scales large --duration 5

For each scale (a PostgreSQL database filled by `seed_demo --scale small|large`, see
docs/performance.md) it starts gunicorn (jipp.settings.production: DEBUG off, WhiteNoise, the
Redis cache) on 127.0.0.1, drives every endpoint with wrk at 1 and 8 connections, and prints p50,
p95, p99 and requests/s. For list endpoints it also captures the SQL the endpoint runs (in-process,
CaptureQueriesContext), times those statements directly with psycopg2 on the same database, and
prints server time ÷ SQL time. After both scales it prints p95 large ÷ p95 small per endpoint.
Results are also written to scripts/bench/results-<scale>.json.

Anonymous pages and API list pages are served from the public cache (jipp.cache) once rendered;
`--no-public-cache` runs the same with it turned off (JIPP_PUBLIC_CACHE_SECONDS=0), so that every
request renders and queries afresh, and keeps its results in results-<scale>-nocache.json. The SQL
of the ratio is always captured from an uncached rendering: it is what the endpoint needs.

Needs: wrk (apt-get install -y wrk), PostgreSQL and Redis running; the load goes to loopback only.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = sys.executable
DEFAULT_DBS = {
    "small": "postgres://root@127.0.0.1:5432/jipp_perf_small",
    "large": "postgres://root@127.0.0.1:5432/jipp_perf",
}
# The peer measured on this machine (the issue): NetBox 4.6.8, 10,000 sites, /api/dcim/sites/?limit=50.
NETBOX = {"rps": 15.9, "p50": 443.0, "p99": 1230.0}


def server_env(db_url: str, redis_url: str, public_cache: bool = True) -> dict:
    """Production settings, with what a loopback benchmark needs (no TLS redirect, open throttles)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="jipp.settings.production",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DATABASE_URL=db_url,
        CACHE_URL=redis_url,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_API_THROTTLE_ANON="100000000/minute",
        DJANGO_API_THROTTLE_USER="100000000/minute",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_CONN_MAX_AGE="600",
    )
    env.pop("CELERY_BROKER_URL", None)
    if not public_cache:
        env["JIPP_PUBLIC_CACHE_SECONDS"] = "0"
    return env


# --- One scale (runs in a child process with that scale's settings) --------------------------------


def endpoints() -> list[dict]:
    """The endpoints of the issue, with real slugs/ids taken from the database."""
    from django.db.models import Count

    from hubs.selectors import hubs_list
    from innovations.models import Innovation
    from stories.models import ImpactStory

    hub = hubs_list().annotate(n=Count("hub_innovations")).order_by("-n").first()
    innovation = Innovation.objects.filter(status="published").order_by("-pk").first()
    # The filter of the issue (hub + category + year) on a combination that has rows.
    combo = (
        Innovation.objects.filter(status="published", hub=hub, category__isnull=False)
        .values("category", "implementation_started_on__year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    flt = f"hub={hub.pk}&category={combo['category']}&year={combo['implementation_started_on__year']}"
    story = ImpactStory.objects.filter(status="published").order_by("-pk").first()
    search = "stunting"
    rows = [
        ("home (dashboard)", "/", False),
        ("dashboard benchmarking", "/hubs/benchmark/", False),
        ("hub list", "/hubs/", True),
        ("hub detail", f"/hubs/{hub.slug}/", False),
        ("innovation list", "/innovations/", True),
        ("innovation list filtered", f"/innovations/?{flt}", True),
        ("innovation search", f"/innovations/?q={search}", True),
        ("innovation detail", f"/innovations/{innovation.slug}/", False),
        ("story list", "/stories/", True),
        ("story detail", f"/stories/{story.slug}/", False),
        ("tpbis", "/tpbis/", False),
        ("api hubs", "/api/v1/hubs/", True),
        ("api innovations", "/api/v1/innovations/", True),
        ("api innovations filtered", f"/api/v1/innovations/?{flt}", True),
        ("api search", f"/api/v1/innovations/?q={search}", True),
        ("api stories", "/api/v1/stories/", True),
        ("api replications", "/api/v1/replications/", True),
        ("api innovation detail", f"/api/v1/innovations/{innovation.pk}/", False),
    ]
    from django.urls import NoReverseMatch, reverse

    with contextlib.suppress(NoReverseMatch):  # the dashboard, where the portal has one
        rows.insert(1, ("dashboard", reverse("dashboard"), False))
    return [{"name": n, "path": p, "list": is_list} for n, p, is_list in rows]


def _plain(sql: str) -> str:
    """The statement to time: a server-side cursor's query run as a plain SELECT; savepoints dropped."""
    match = re.match(r"DECLARE \S+ .*?CURSOR (?:WITH(?:OUT)? HOLD )?FOR (.*)$", sql, re.S)
    if match:
        return match.group(1)
    if re.match(r"(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|SET )", sql):
        return ""
    return sql


def sql_time_ms(path: str, repeat: int = 15) -> tuple[float, int, float]:
    """(median ms of the endpoint's SQL run directly with psycopg2, number of statements, median ms in-process)."""
    import psycopg2
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    client.get(path)  # warm caches the way a running server has them
    inproc = []
    # Uncached: the statements of a full rendering (a cached page would need almost none).
    with override_settings(JIPP_PUBLIC_CACHE_SECONDS=0):
        for _ in range(5):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(path)
                inproc.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    statements = [_plain(q["sql"]) for q in ctx.captured_queries]
    statements = [sql for sql in statements if sql]
    settings = connection.settings_dict
    raw = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
    )
    raw.autocommit = True
    cur = raw.cursor()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for sql in statements:
            cur.execute(sql)
            if cur.description:
                cur.fetchall()
        times.append((time.perf_counter() - t) * 1000)
    raw.close()
    return statistics.median(times), len(statements), statistics.median(inproc)


def wrk(url: str, connections: int, duration: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(connections, 2)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "latency.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def wait_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def run_scale(args) -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from innovations.models import Innovation, Replication
    from stories.models import ImpactStory, Measurement

    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()  # this scale's Redis db only
    data = {
        "innovations": Innovation.objects.count(),
        "replications": Replication.objects.count(),
        "stories": ImpactStory.objects.count(),
        "measurements": Measurement.objects.count(),
    }
    print(f"== scale {args.one_scale}: {data}, public cache {'off' if args.no_public_cache else 'on'}", flush=True)
    eps = endpoints()

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", str(HERE / "gunicorn_conf.py"), "--bind", f"127.0.0.1:{args.port}", "jipp.wsgi"],
        cwd=ROOT,
        env={**os.environ, "WEB_CONCURRENCY": str(args.workers)},
        start_new_session=True,
    )
    # The machine's load (other processes compete for the same cores): recorded with the figures.
    results = {"scale": args.one_scale, "data": data, "workers": args.workers, "endpoints": []}
    results["loadavg_start"] = os.getloadavg()
    try:
        wait_up(base)
        # The dashboard cold: its cached figures dropped, one request computes them.
        cache.clear()
        started = time.perf_counter()
        urllib.request.urlopen(base + "/", timeout=60).read()
        results["dashboard_cold_ms"] = (time.perf_counter() - started) * 1000
        print(f"dashboard cold (cache emptied): {results['dashboard_cold_ms']:.0f} ms", flush=True)
        for ep in eps:
            for _ in range(20):  # warm every worker's caches and connections
                urllib.request.urlopen(base + ep["path"], timeout=30).read()
            row = dict(ep)
            for c in args.connections:
                row[f"c{c}"] = wrk(base + ep["path"], c, args.duration)
            if ep["list"]:
                row["sql_ms"], row["sql_statements"], row["inproc_ms"] = sql_time_ms(ep["path"])
                row["ratio"] = row["c1"]["p50"] / row["sql_ms"] if row["sql_ms"] else None
            results["endpoints"].append(row)
            print_row(row, args.connections, flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    results["loadavg_end"] = os.getloadavg()
    results["public_cache"] = not args.no_public_cache
    results_file(args.one_scale, args.no_public_cache).write_text(json.dumps(results, indent=2))


def results_file(scale: str, no_public_cache: bool) -> Path:
    return HERE / f"results-{scale}{'-nocache' if no_public_cache else ''}.json"


# --- Report ---------------------------------------------------------------------------------------

HEADER = (
    f"{'endpoint':26} {'conn':>4} {'p50':>8} {'p95':>8} {'p99':>8} {'req/s':>8} {'SQL ms':>7} {'n':>3} {'ratio':>6}"
)


def print_row(row: dict, connections, flush=False) -> None:
    for c in connections:
        r = row[f"c{c}"]
        extra = ""
        if row.get("list") and c == connections[0]:
            extra = f" {row['sql_ms']:7.2f} {row['sql_statements']:3d} {row['ratio']:6.1f}"
        bad = f"  ({r['non2xx']} non-2xx, {r['errors']} errors)" if r["non2xx"] or r["errors"] else ""
        print(
            f"{row['name']:26} {c:4d} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} {r['rps']:8.1f}{extra}{bad}",
            flush=flush,
        )


def report(scales, no_public_cache=False) -> None:
    results = {s: json.loads(results_file(s, no_public_cache).read_text()) for s in scales}
    for s in scales:
        load = [results[s].get(k) for k in ("loadavg_start", "loadavg_end")]
        print(f"\n== {s}: {results[s]['data']} (gunicorn workers: {results[s]['workers']})")
        if "dashboard_cold_ms" in results[s]:
            print(f"dashboard cold (cache emptied): {results[s]['dashboard_cold_ms']:.0f} ms")
        if all(load):
            print(f"load average (1, 5, 15 min) at start {load[0]}, at end {load[1]} on {os.cpu_count()} cores")
        print("latency in ms; ratio = server p50 at 1 connection ÷ the endpoint's SQL timed with psycopg2")
        print(HEADER)
        conns = sorted(int(k[1:]) for k in results[s]["endpoints"][0] if k.startswith("c") and k[1:].isdigit())
        for row in results[s]["endpoints"]:
            print_row(row, conns)
    if "small" in results and "large" in results:
        print("\n== p95 growth, 8 connections: large ÷ small (target ≤ 1.5)")
        small = {r["name"]: r for r in results["small"]["endpoints"]}
        for row in results["large"]["endpoints"]:
            if row["name"] in small and "c8" in row:
                before, after = small[row["name"]]["c8"]["p95"], row["c8"]["p95"]
                print(f"{row['name']:26} {before:8.1f} → {after:8.1f}  ×{after / before:.2f}")
    big = results.get("large") or next(iter(results.values()))
    api = next((r for r in big["endpoints"] if r["name"] == "api innovations"), None)
    if api and "c8" in api:
        print(
            f"\nAPI innovation list, 8 connections: {api['c8']['rps']:.1f} req/s, p50 {api['c8']['p50']:.0f} ms, "
            f"p99 {api['c8']['p99']:.0f} ms; NetBox site list: {NETBOX['rps']} req/s, p50 {NETBOX['p50']:.0f} ms, "
            f"p99 {NETBOX['p99']:.0f} ms → ×{api['c8']['rps'] / NETBOX['rps']:.1f} (target ≥ ×10)"
        )


def markdown(scales, no_public_cache=False) -> None:
    """The last results as the Markdown tables of docs/performance.md."""
    results = {s: json.loads(results_file(s, no_public_cache).read_text()) for s in scales}
    for s in scales:
        r = results[s]
        print(f"\n**{s}**: {r['data']}; load average {r.get('loadavg_start')} → {r.get('loadavg_end')}")
        print(f"dashboard cold: {r.get('dashboard_cold_ms', 0):.0f} ms\n")
        print("| endpoint | c | p50 ms | p95 ms | p99 ms | req/s | SQL ms (n) | server ÷ SQL |")
        print("|---|---|---|---|---|---|---|---|")
        for row in r["endpoints"]:
            for c in (1, 8):
                x = row.get(f"c{c}")
                if not x:
                    continue
                sql = ratio = ""
                if row.get("list") and c == 1:
                    sql, ratio = f"{row['sql_ms']:.1f} ({row['sql_statements']})", f"{row['ratio']:.1f}"
                print(
                    f"| {row['name']} | {c} | {x['p50']:.0f} | {x['p95']:.0f} | {x['p99']:.0f} | {x['rps']:.1f} "
                    f"| {sql} | {ratio} |"
                )
    if "small" in results and "large" in results:
        print("\n| endpoint | p95 small (8 c) | p95 large (8 c) | large ÷ small |\n|---|---|---|---|")
        small = {r["name"]: r for r in results["small"]["endpoints"]}
        for row in results["large"]["endpoints"]:
            if row["name"] in small:
                a, b = small[row["name"]]["c8"]["p95"], row["c8"]["p95"]
                print(f"| {row['name']} | {a:.0f} | {b:.0f} | {b / a:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="small,large", help="comma-separated: small,large")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint and concurrency")
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (NetBox's peer run used 3)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--small-db", default=os.environ.get("BENCH_SMALL_DB", DEFAULT_DBS["small"]))
    parser.add_argument("--large-db", default=os.environ.get("BENCH_LARGE_DB", DEFAULT_DBS["large"]))
    parser.add_argument("--one-scale", help=argparse.SUPPRESS)
    parser.add_argument("--report-only", action="store_true", help="print the table of the last results")
    parser.add_argument("--markdown", action="store_true", help="with --report-only: Markdown tables")
    parser.add_argument(
        "--no-public-cache", action="store_true", help="turn the public page cache off (every request renders)"
    )
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    sys.path.insert(0, str(ROOT))
    scales = [s for s in args.scales.split(",") if s]

    if args.one_scale:
        run_scale(args)
        return
    if not args.report_only:
        if not shutil.which("wrk"):
            raise SystemExit("wrk is missing: apt-get install -y wrk")
        for scale in scales:
            db = args.small_db if scale == "small" else args.large_db
            subprocess.run(
                [PY, __file__, "--one-scale", scale, *sys.argv[1:]],
                cwd=ROOT,
                env=server_env(db, args.redis, public_cache=not args.no_public_cache),
                check=True,
            )
    if args.markdown:
        markdown(scales, args.no_public_cache)
    else:
        report(scales, args.no_public_cache)


if __name__ == "__main__":
    main()
