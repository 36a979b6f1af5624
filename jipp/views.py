"""Project-level views: the health checks.

Two answers, for two questions a load balancer or an orchestrator asks:

- `/healthz/live` (liveness): the process is up and answers; it looks at nothing else, so that an
  outage of a dependency never gets healthy processes restarted.
- `/healthz` (readiness): can this process serve pages? The database is required: without it, 503.
  The cache and the broker are reported, but a cache or broker outage answers 200 with status
  "degraded": pages are then computed without the cache and jobs wait in the database for the broker
  (reports, imports: jipp.jobs), so taking the process out of service would turn a slower site into
  no site. The probes of Redis run side by side within HEALTH_PROBE_SECONDS, so the answer is fast
  even when Redis does not answer at all.
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from jipp.cache import cache_status

# Both Redis probes together take at most this long (each also has its own socket timeouts).
HEALTH_PROBE_SECONDS = 0.8
_probes = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")
_in_flight: dict[str, Future] = {}
_in_flight_lock = threading.Lock()


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure to reach the database means "down"
        return False


def broker_status() -> str:
    """'up', 'down', or 'eager' when no broker is configured (jobs run in-process)."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from kombu import Connection

    # A connection of its own with short timeouts: the publishing one may wait seconds by design.
    probe = Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=0.5,
        transport_options={"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "max_retries": 0},
    )
    try:
        probe.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=0.5)
        return "up"
    except Exception:  # kombu raises several types for an unreachable broker
        return "down"
    finally:
        probe.release()


def _probe(name: str, check) -> Future:
    # One probe of each kind at a time: while Redis hangs, repeated checks must not pile up threads.
    with _in_flight_lock:
        running = _in_flight.get(name)
        if running is None or running.done():
            running = _in_flight[name] = _probes.submit(check)
        return running


def _dependencies() -> dict:
    futures = {"cache": _probe("cache", cache_status), "broker": _probe("broker", broker_status)}
    result = {}
    for name, future in futures.items():
        try:
            result[name] = future.result(timeout=HEALTH_PROBE_SECONDS)
        except FutureTimeout:
            result[name] = "down"  # no answer in time is no service, as far as a page is concerned
        except Exception:
            result[name] = "down"
    return result


def healthz(request):
    """Readiness: 503 when the database does not answer; 200 otherwise, "degraded" when the cache or the
    broker is down (pages work without them)."""
    db_ok = _database_ok()
    deps = _dependencies()
    if not db_ok:
        status = "error"
    elif "down" in deps.values():
        status = "degraded"
    else:
        status = "ok"
    body = {"status": status, "database": "up" if db_ok else "down", **deps}
    return JsonResponse(body, status=200 if db_ok else 503)


def healthz_live(request):
    """Liveness: the process answers. No dependency is looked at."""
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    """handler403: record the denial in the security audit log, then answer with Django's 403 page."""
    from django.views import defaults

    from jipp.audit import security_event_record
    from jipp.choices import SecurityEventKind

    security_event_record(
        kind=SecurityEventKind.PERMISSION_DENIED,
        user=getattr(request, "user", None),
        request=request,
        detail={"method": request.method, "message": str(exception or "")},
    )
    return defaults.permission_denied(request, exception)
