"""Pagination of API lists: page numbers with a ceiling, or cursors for long lists."""

from rest_framework.pagination import CursorPagination, PageNumberPagination

from jipp.querycache import CachedCountPaginator


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
