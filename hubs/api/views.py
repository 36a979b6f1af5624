"""API endpoints of the hubs app: regions, institutions, cohorts, hubs (with designations), memberships.

All are read-only here; reference data is maintained through the admin and the seed/import services.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets

from hubs import selectors
from hubs.api import serializers as s
from hubs.api.filtersets import HubApiFilterSet, InstitutionFilterSet, MembershipFilterSet, RegencyFilterSet
from hubs.models import HubMembership, Institution, Province, Regency
from jipp.api.mixins import BriefModeMixin, ConditionalMixin, PublicListCacheMixin, brief_serializer
from jipp.api.pagination import LargeListCursorPagination
from jipp.api.permissions import IsMinistryStaff, with_defaults

INT_ID = r"[0-9]+"


class ReadOnlyApiViewSet(PublicListCacheMixin, BriefModeMixin, ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    # (A comment, not a docstring: the schema would show a docstring as every endpoint's description.)
    # List (filtered, paginated, `?brief`, `?fields`) and detail (ETag) of one kind of record.
    pass


@extend_schema_view(
    list=extend_schema(summary="List provinces", tags=["reference"], description="The 38 provinces, by code."),
    retrieve=extend_schema(summary="One province", tags=["reference"]),
)
class ProvinceViewSet(ReadOnlyApiViewSet):
    queryset = Province.objects.order_by("code")
    serializer_class = s.ProvinceSerializer
    brief_serializer_class = brief_serializer(Province, "api:province-detail")
    lookup_value_regex = r"[0-9]{2}"
    filterset_class = None


@extend_schema_view(
    list=extend_schema(
        summary="List regencies and cities",
        tags=["reference"],
        description="The 514 regencies (kabupaten) and cities (kota), by code, with cursor pagination (follow `next`).",
    ),
    retrieve=extend_schema(summary="One regency or city", tags=["reference"]),
)
class RegencyViewSet(ReadOnlyApiViewSet):
    queryset = Regency.objects.order_by("code")
    serializer_class = s.RegencySerializer
    brief_serializer_class = brief_serializer(Regency, "api:regency-detail")
    filterset_class = RegencyFilterSet
    pagination_class = LargeListCursorPagination
    cursor_ordering = ("code",)
    lookup_value_regex = r"[0-9]{2}\.[0-9]{2}"


@extend_schema_view(
    list=extend_schema(
        summary="List institutions",
        tags=["hubs"],
        description="Every institution in the network (hubs and the units they coach).",
    ),
    retrieve=extend_schema(summary="One institution", tags=["hubs"]),
)
class InstitutionViewSet(ReadOnlyApiViewSet):
    queryset = Institution.objects.order_by("name", "pk")
    serializer_class = s.InstitutionSerializer
    brief_serializer_class = brief_serializer(Institution, "api:institution-detail")
    filterset_class = InstitutionFilterSet
    lookup_value_regex = INT_ID


@extend_schema_view(
    list=extend_schema(
        summary="List cohorts",
        tags=["hubs"],
        description="Designation rounds with how many hubs were announced and how many are recorded.",
    ),
    retrieve=extend_schema(summary="One cohort", tags=["hubs"]),
)
class CohortViewSet(ReadOnlyApiViewSet):
    serializer_class = s.CohortSerializer
    lookup_value_regex = INT_ID
    filterset_class = None

    def get_queryset(self):
        return selectors.cohorts_with_counts().prefetch_related("sources")

    brief_serializer_class = None


@extend_schema_view(
    list=extend_schema(
        summary="List hubs",
        tags=["hubs"],
        description="Institutions designated as JIPP hubs, with their designations. Same filters as the hub "
        "page: `q` (name/acronym), `year` (cohort year), `kind`, `province`, `ordering` (`name`, `year`).",
        examples=[
            OpenApiExample(
                "A hub",
                response_only=True,
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "id": 12,
                            "url": "http://127.0.0.1:8000/api/v1/hubs/12/",
                            "name": "Pemerintah Provinsi Jawa Timur",
                            "acronym": "",
                            "slug": "pemprov-jawa-timur",
                            "kind": "pemprov",
                            "province": "35",
                            "regency": None,
                            "website": "",
                            "coaching_hub": None,
                            "is_demo": False,
                            "created_at": "2026-11-29T10:00:00+07:00",
                            "updated_at": "2026-11-29T10:00:00+07:00",
                            "first_year": 2020,
                            "designations": [
                                {
                                    "id": 1,
                                    "cohort": 1,
                                    "cohort_slug": "2020-pilot",
                                    "year": 2020,
                                    "status": "active",
                                    "evidence": "confirmed",
                                    "profile": "",
                                }
                            ],
                        }
                    ],
                },
            )
        ],
    ),
    retrieve=extend_schema(summary="One hub with its designations", tags=["hubs"]),
)
class HubViewSet(ReadOnlyApiViewSet):
    serializer_class = s.HubSerializer
    brief_serializer_class = brief_serializer(Institution, "api:hub-detail")
    filterset_class = HubApiFilterSet
    lookup_value_regex = INT_ID

    def get_queryset(self):
        # The same selector as the hub page, so a hub means the same thing in both.
        return selectors.hubs_list().order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="List hub memberships (ministry staff only)", tags=["hubs"]),
    retrieve=extend_schema(summary="One hub membership (ministry staff only)", tags=["hubs"]),
)
class MembershipViewSet(ReadOnlyApiViewSet):
    queryset = HubMembership.objects.select_related("user").order_by("hub__name", "user__username", "pk")
    serializer_class = s.MembershipSerializer
    permission_classes = with_defaults(IsMinistryStaff)
    filterset_class = MembershipFilterSet
    lookup_value_regex = INT_ID
