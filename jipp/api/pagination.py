"""Pagination of API lists: page numbers with a ceiling, or cursors for long lists."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response

from jipp.cache import CachedCountPaginator


class StandardPagination(PageNumberPagination):
    """`?page=N&page_size=M`; M is capped so that no client can ask for the whole table at once."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # The total is cached per query (invalidated on writes): no full-table count on every page.
    django_paginator_class = CachedCountPaginator


class LargeListCursorPagination(CursorPagination):
    """`?cursor=...`: stable, constant-time pages for long lists (regencies, measurements).

    The ordering must be unique and must not change while a client pages; views set `cursor_ordering`.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_ordering(self, request, queryset, view):
        return getattr(view, "cursor_ordering", ("pk",))


class _NewestFirstCursorPagination(CursorPagination):
    """Keyset pages over a record's id, newest first: an id never changes, so pages never shift."""

    page_size = StandardPagination.page_size
    page_size_query_param = "page_size"
    max_page_size = StandardPagination.max_page_size
    ordering = ("-pk",)


class PageOrCursorPagination(StandardPagination):
    """Page numbers by default; `?paging=cursor` (or a `cursor` from a previous `next`) gives keyset pages.

    Deep page-number pages cost an OFFSET scan; a client walking a national list (innovations, stories)
    follows cursors instead, at constant cost per page. Both modes answer in one shape; `count` is null
    in cursor mode, which never counts the table.
    """

    cursor_query_param = "cursor"

    def _wants_cursor(self, request) -> bool:
        return self.cursor_query_param in request.query_params or request.query_params.get("paging") == "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.cursor_paginator = _NewestFirstCursorPagination() if self._wants_cursor(request) else None
        if self.cursor_paginator is None:
            return super().paginate_queryset(queryset, request, view)
        try:
            return self.cursor_paginator.paginate_queryset(queryset, request, view)
        except NotFound as exc:
            # A damaged or foreign cursor is the client's input error, not a missing resource.
            raise ValidationError({self.cursor_query_param: [_("Kursor tidak valid.")]}) from exc

    def get_paginated_response(self, data):
        if self.cursor_paginator is None:
            return super().get_paginated_response(data)
        return Response(
            {
                "count": None,
                "next": self.cursor_paginator.get_next_link(),
                "previous": self.cursor_paginator.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"] = {"type": "integer", "nullable": True, "example": 123}
        return response

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "paging",
                "required": False,
                "in": "query",
                "description": "`cursor` for keyset pages (newest first, constant cost, `count` is null).",
                "schema": {"type": "string", "enum": ["page", "cursor"]},
            },
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The cursor from a previous response's `next` or `previous` link.",
                "schema": {"type": "string"},
            },
        ]
