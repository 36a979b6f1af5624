"""One JSON error shape for every API error.

    {"error": {"code": "invalid", "message": "...", "fields": {"title": [{"code": "required", "message": "..."}]}}}

`code` is machine-readable and stable; `message` is for people (in the request's language); `fields`
says which input field is wrong and why (empty when the error is not about a field).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from jipp.audit import security_event_record
from jipp.choices import SecurityEventKind
from jipp.exceptions import VersionConflict


class PreconditionFailed(exceptions.APIException):
    """412: the If-Match header names a version of the record that is no longer current."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Data telah diubah oleh pihak lain sejak Anda membacanya. Ambil ulang lalu coba lagi.")
    default_code = "precondition_failed"


def _item(detail) -> dict:
    return {"code": getattr(detail, "code", None) or "invalid", "message": str(detail)}


def _flatten(detail, prefix: str, out: dict) -> None:
    """Nested serializer errors become dotted keys: {"sdgs": [{"sdg": [...]}]} → {"sdgs.0.sdg": [...]}."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else str(key)
            _flatten(value, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(detail, list | tuple):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list | tuple):
                if value:
                    _flatten(value, f"{prefix}.{index}" if prefix else str(index), out)
            else:
                out.setdefault(prefix or api_settings.NON_FIELD_ERRORS_KEY, []).append(_item(value))
    else:
        out.setdefault(prefix or api_settings.NON_FIELD_ERRORS_KEY, []).append(_item(detail))


def _convert(exc):
    """Django's exceptions (raised by services) become the API's, keeping their messages and codes."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=get_error_detail(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(detail=str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, VersionConflict):
        return PreconditionFailed()
    return exc


def error_body(exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields: dict = {}
        _flatten(exc.detail, "", fields)
        non_field = fields.get(api_settings.NON_FIELD_ERRORS_KEY, [])
        # A rule about the whole record (e.g. "cannot publish from draft") keeps its own code at the top.
        if non_field and len(fields) == 1:
            code, message = non_field[0]["code"], non_field[0]["message"]
        else:
            code, message = "invalid", str(_("Data yang dikirim tidak valid. Lihat rincian per kolom."))
        return {"code": code, "message": message, "fields": fields}
    if isinstance(exc, exceptions.Throttled):
        message = str(_("Terlalu banyak permintaan."))
        if exc.wait is not None:
            message += " " + str(_("Coba lagi dalam %(wait)d detik.") % {"wait": max(1, round(exc.wait))})
        return {"code": "throttled", "message": message, "fields": {}}
    detail = exc.detail
    if isinstance(detail, list | dict):  # an APIException raised with structured detail: keep it as fields
        fields = {}
        _flatten(detail, "", fields)
        return {"code": exc.default_code, "message": str(exc.default_detail), "fields": fields}
    return {"code": getattr(detail, "code", None) or exc.default_code, "message": str(detail), "fields": {}}


def _audit(exc, context) -> None:
    """Denials and refused credentials go to the security audit log (hubs.audit)."""
    request = context.get("request")
    if isinstance(exc, exceptions.PermissionDenied):
        kind, detail = SecurityEventKind.PERMISSION_DENIED, {"api": True, "method": getattr(request, "method", "")}
    elif isinstance(exc, exceptions.AuthenticationFailed):
        kind, detail = SecurityEventKind.LOGIN_FAILED, {"api": True, "method": "token"}
    else:
        return
    user = getattr(request, "_user", None)  # the authenticated user, without re-running authentication
    security_event_record(kind=kind, user=user, request=getattr(request, "_request", None), detail=detail)


def api_exception_handler(exc, context):
    exc = _convert(exc)
    _audit(exc, context)
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API error: a real bug, let Django report it
        return None
    response.data = {"error": error_body(exc)}
    return response
