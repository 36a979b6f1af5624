"""OpenAPI generation: every operation documents the error shape, conditional requests and field selection."""

import inspect

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_doc
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import serializers


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable reason, e.g. `required`, `invalid_choice`.")
    message = serializers.CharField(help_text="Human-readable explanation in the request's language.")


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Machine-readable error code: `invalid`, `not_authenticated`, `authentication_failed`, "
        "`permission_denied`, `read_only_token`, `not_found`, `precondition_failed`, `throttled`, "
        "`invalid_transition`, `parse_error`, ..."
    )
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=ErrorItemSerializer()),
        help_text="Per input field (dotted path for nested input), the list of problems. Empty when the "
        "error is not about a field.",
    )


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API."""

    error = ErrorDetailSerializer()


ERROR_EXAMPLES = {
    "400": OpenApiExample(
        "Invalid input",
        value={
            "error": {
                "code": "invalid",
                "message": "Data yang dikirim tidak valid. Lihat rincian per kolom.",
                "fields": {"title": [{"code": "required", "message": "Bidang ini harus diisi."}]},
            }
        },
        response_only=True,
        status_codes=["400"],
    ),
    "401": OpenApiExample(
        "Bad token",
        value={
            "error": {
                "code": "authentication_failed",
                "message": "Token tidak sah, sudah dicabut, atau kedaluwarsa.",
                "fields": {},
            }
        },
        response_only=True,
        status_codes=["401"],
    ),
    "403": OpenApiExample(
        "Not allowed",
        value={"error": {"code": "permission_denied", "message": "Anda tidak berwenang.", "fields": {}}},
        response_only=True,
        status_codes=["403"],
    ),
    "404": OpenApiExample(
        "Not found",
        value={"error": {"code": "not_found", "message": "Tidak ditemukan.", "fields": {}}},
        response_only=True,
        status_codes=["404"],
    ),
    "412": OpenApiExample(
        "Stale If-Match",
        value={
            "error": {
                "code": "precondition_failed",
                "message": "Data telah diubah oleh pihak lain sejak Anda membacanya. Ambil ulang lalu coba lagi.",
                "fields": {},
            }
        },
        response_only=True,
        status_codes=["412"],
    ),
    "429": OpenApiExample(
        "Throttled",
        value={
            "error": {
                "code": "throttled",
                "message": "Terlalu banyak permintaan. Coba lagi dalam 42 detik.",
                "fields": {},
            }
        },
        response_only=True,
        status_codes=["429"],
    ),
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input or query parameter; `error.fields` says which and why.",
    "401": "Missing, unknown, revoked or expired credentials (for writes: authentication is required).",
    "403": "Authenticated, but not allowed (another hub's record, a read-only token, staff-only data).",
    "404": "No such record, or not visible to you; or an invalid page/cursor.",
    "412": "If-Match names a version that is no longer current: fetch the record again.",
    "415": "Unsupported request body type.",
    "429": "Too many requests; retry after the number of seconds in the Retry-After header.",
}


class JippAutoSchema(AutoSchema):
    """AutoSchema adding the error responses, ETag/If-Match headers and `fields`/`brief` to each operation."""

    def _is_detail(self) -> bool:
        return "{" in self.path

    def get_description(self) -> str:
        """Only a docstring written on the viewset itself (its class, or the action's method there)
        describes an operation; `extend_schema(description=...)` still takes precedence over both.

        drf-spectacular otherwise falls back on the first docstring up the class hierarchy, which for
        most reads was a mixin's from jipp.api.mixins: notes for developers on caching and ETags, shown
        to API users as the operation's description.
        """
        view_class = type(self.view)
        action = getattr(self.view, "action", None) or self.method.lower()
        method = view_class.__dict__.get(action)
        if method is not None and get_doc(method):
            return get_doc(method)
        own = view_class.__dict__.get("__doc__")
        return "\n".join(line.rstrip() for line in inspect.cleandoc(own).splitlines()) if own else ""

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        view = self.view
        is_read = self.method == "GET"
        if is_read and getattr(view, "action", None) in ("list", "retrieve") and hasattr(view, "serializer_class"):
            params.append(
                OpenApiParameter(
                    "fields",
                    OpenApiTypes.STR,
                    description="Comma-separated field names to return (e.g. `id,title,status`). Unknown names "
                    "give 400. The response then contains only these fields.",
                )
            )
            if getattr(view, "brief_serializer_class", None) is not None:
                params.append(
                    OpenApiParameter(
                        "brief",
                        OpenApiTypes.BOOL,
                        description="`true` returns only `id`, `url` and `display` for each record (pick-lists).",
                    )
                )
        if is_read and getattr(view, "action", None) == "retrieve":
            params.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier response: 304 when the record has not changed.",
                )
            )
        if self.method in ("PUT", "PATCH") or (self.method == "POST" and self._is_detail()):
            params.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="The ETag you last read: the write is refused with 412 if the record changed since.",
                )
            )
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "429"]
        if self.method in ("PUT", "PATCH", "POST", "DELETE"):
            codes += ["415"]
        if self.method in ("PUT", "PATCH") or (self.method == "POST" and self._is_detail()):
            codes.append("412")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                responses[code]["description"] = ERROR_DESCRIPTIONS[code]
        if self.method == "GET" and getattr(self.view, "action", None) == "retrieve":
            responses["304"] = {"description": "Not modified (If-None-Match matched the current ETag)."}
            for code in ("200",):
                if code in responses:
                    responses[code].setdefault("headers", {})["ETag"] = {
                        "schema": {"type": "string"},
                        "description": "Use in If-None-Match (reads) and If-Match (writes).",
                    }
        return responses

    def get_examples(self):
        examples = list(super().get_examples())
        examples += list(ERROR_EXAMPLES.values())
        return examples


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "jipp.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Personal API token from /accounts/tokens/, sent as `Authorization: Token <token>`.",
        }
