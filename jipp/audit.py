"""The security audit log: one function writes a SecurityEvent, signal receivers call it.

Events come from three places:
- Django's auth signals (login success/failure, logout) and django-axes' lockout signal;
- model signals on HubMembership and on the user's staff flags and groups (role changes, whoever
  makes them: admin, service or shell);
- one explicit call in the services and handlers that decide: token creation/revocation
  (hubs.tokens), permission denials (jipp.views.permission_denied, the API exception handler),
  erasure of personal data (stories.services), deletion of a draft (innovations.workflow).

Recording never breaks the action it records: a failure to write the row is logged and swallowed.
"""

import ipaddress
import logging

from django.conf import settings
from django.db import transaction
from simple_history.models import HistoricalRecords

from jipp.choices import SecurityEventKind
from jipp.models import SecurityEvent

logger = logging.getLogger(__name__)

# Detail values are cut to this length: an attacker's 1 MB "username" must not fill the table.
DETAIL_MAX_CHARS = 200


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies saw.

    With DJANGO_TRUSTED_PROXY_COUNT = n (> 0), the n-th address from the right of X-Forwarded-For
    is the client (each trusted proxy appends the address it received from); anything to its left
    could be forged by the client. Used by django-axes (AXES_CLIENT_IP_CALLABLE) and the audit log.
    """
    if request is None:
        return None
    candidate = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None


def _current_request():
    # simple_history's middleware keeps the request of this thread; reuse it rather than adding another.
    return getattr(HistoricalRecords.context, "request", None)


def _clip(value):
    if isinstance(value, str):
        return value[:DETAIL_MAX_CHARS].replace("\x00", "")
    if isinstance(value, dict):
        return {str(k)[:DETAIL_MAX_CHARS]: _clip(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clip(v) for v in value][:50]
    if value is None or isinstance(value, bool | int | float):
        return value
    return _clip(str(value))


def security_event_record(*, kind: SecurityEventKind | str, user=None, request=None, detail: dict | None = None):
    """Write one SecurityEvent and return it (None if it could not be written).

    `request` defaults to the current request (if any), for the IP address and path. `user` is
    the acting user; anonymous users are stored as NULL. Runs in its own savepoint so that a
    failed write never poisons the caller's transaction.
    """
    request = request if request is not None else _current_request()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    path = (getattr(request, "path", "") or "")[:500].replace("\x00", "")
    try:
        with transaction.atomic():
            return SecurityEvent.objects.create(
                kind=kind, user=user, ip=client_ip(request), path=path, detail=_clip(detail or {})
            )
    except Exception:  # the audit must not take the audited action down with it
        logger.exception("could not record security event %s", kind)
        return None


def published_change_record(*, obj, user, fields) -> None:
    """Record who changed which fields of a published record (live at once, without review).

    The values themselves stay in the record's change history (django-simple-history), which keeps
    personal fields out; the audit log names the record and the fields only.
    """
    if getattr(obj, "status", None) != "published" or not fields:
        return
    security_event_record(
        kind=SecurityEventKind.PUBLISHED_RECORD_CHANGED,
        user=user,
        detail={
            "model": obj._meta.label_lower,
            "id": obj.pk,
            "slug": getattr(obj, "slug", ""),
            "fields": sorted(fields),
        },
    )
