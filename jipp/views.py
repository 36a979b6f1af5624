"""Project-level views: the health checks and the error pages.

Two answers, for two questions a load balancer or an orchestrator asks:

- `/healthz/live` (liveness): the process is up and answers; it looks at nothing else, so that an
  outage of a dependency never gets healthy processes restarted.
- `/healthz` (readiness): can this process serve pages? The database is required: without it, 503.
  The cache and the broker are reported, but a cache or broker outage answers 200 with status
  "degraded": pages are then computed without the cache and jobs wait in the database for the broker
  (reports, imports: jipp.jobs), so taking the process out of service would turn a slower site into
  no site. The probes of Redis run side by side within HEALTH_PROBE_SECONDS, so the answer is fast
  even when Redis does not answer at all.

The error pages (handler400/403/404/500 in jipp.urls, CSRF_FAILURE_VIEW) speak the page's language and
say what to do next. 403, 404 and the CSRF page are rendered in the full layout, with the request; 400
and 500 extend base_minimal.html and are rendered without it, because what failed (a bad Host header,
the database) may be what the request context, the header's menus and the context processors need.
Under /api/ every handler answers in the API's JSON error shape instead (jipp.api.exceptions).
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.utils.translation import gettext as _

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


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


# 400 and 500 are rendered without the request, in the layout that needs nothing else (templates/errors/page.html).
_MINIMAL = {"error_layout": "base_minimal.html"}


def bad_request(request, exception=None):
    """handler400: malformed or suspicious requests (a Host not allowed, a broken multipart body)."""
    if _is_api(request):
        return _api_error("bad_request", _("Permintaan tidak dapat diproses."), 400)
    return HttpResponseBadRequest(loader.render_to_string("400.html", _MINIMAL))


def permission_denied(request, exception=None):
    """handler403: record the denial in the security audit log, then answer with the portal's 403 page."""
    from jipp.audit import security_event_record
    from jipp.choices import SecurityEventKind

    security_event_record(
        kind=SecurityEventKind.PERMISSION_DENIED,
        user=getattr(request, "user", None),
        request=request,
        detail={"method": request.method, "message": str(exception or "")},
    )
    if _is_api(request):
        return _api_error("permission_denied", _("Anda tidak diizinkan melakukan tindakan ini."), 403)
    # The exception's message is for the log, not the page: it may name internal rules.
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


def page_not_found(request, exception=None):
    """handler404."""
    if _is_api(request):
        return _api_error("not_found", _("Alamat API ini tidak ada."), 404)
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    """handler500: no request context, so a failing database or context processor cannot fail it too."""
    if _is_api(request):
        return _api_error("server_error", _("Terjadi kesalahan di server. Coba lagi nanti."), 500)
    try:
        body = loader.render_to_string("500.html", _MINIMAL)
    except Exception:  # a broken template must not turn the error page into a second error
        body = "<!DOCTYPE html><title>500</title><h1>Server error</h1>"
    return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a form left open until its session ended; reloading the page fixes it."""
    if _is_api(request):
        return _api_error("csrf_failed", _("Token CSRF tidak valid atau tidak ada."), 403)
    return HttpResponse(loader.render_to_string("403_csrf.html", request=request), status=403)
