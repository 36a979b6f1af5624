"""Project-level views: the health check."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse


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
    from jipp.celery_app import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "up"
    except Exception:  # kombu raises several types for an unreachable broker
        return "down"


def healthz(request):
    """Liveness for load balancers: 200 while the database answers, 503 when it does not.

    A broker outage is reported but does not fail the check: pages still work without Redis.
    """
    db_ok = _database_ok()
    body = {"status": "ok" if db_ok else "error", "database": "up" if db_ok else "down", "broker": broker_status()}
    return JsonResponse(body, status=200 if db_ok else 503)


def permission_denied(request, exception=None):
    """handler403: record the denial in the security audit log, then answer with Django's 403 page."""
    from django.views import defaults

    from hubs.audit import security_event_record
    from hubs.choices import SecurityEventKind

    security_event_record(
        kind=SecurityEventKind.PERMISSION_DENIED,
        user=getattr(request, "user", None),
        request=request,
        detail={"method": request.method, "message": str(exception or "")},
    )
    return defaults.permission_denied(request, exception)
