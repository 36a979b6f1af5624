from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from hubs.api.views import INT_ID, ReadOnlyApiViewSet
from innovations.api.views import ReviewableViewSetMixin, _reviewable_schema
from innovations.models import Innovation
from jipp.api.mixins import BriefModeMixin, ConditionalMixin, PublicListCacheMixin, brief_serializer
from jipp.api.pagination import LargeListCursorPagination, PageOrCursorPagination
from stories import services as story_services
from stories.api import serializers as s
from stories.filtersets import ImpactStoryFilterSet
from stories.models import ActivityType, ImpactStory, Programme
from stories.selectors import indicators_visible_to, measurements_visible_to, stories_visible_to


@extend_schema_view(
    list=extend_schema(summary="List programmes (e.g. TPBIS)", tags=["stories"]),
    retrieve=extend_schema(summary="One programme", tags=["stories"]),
)
class ProgrammeViewSet(ReadOnlyApiViewSet):
    queryset = Programme.objects.order_by("name", "pk")
    serializer_class = s.ProgrammeSerializer
    brief_serializer_class = brief_serializer(Programme, "api:programme-detail")
    filterset_fields = ["hub"]
    lookup_value_regex = INT_ID


@extend_schema_view(
    list=extend_schema(summary="List library activity types", tags=["stories"]),
    retrieve=extend_schema(summary="One activity type", tags=["stories"]),
)
class ActivityTypeViewSet(ReadOnlyApiViewSet):
    queryset = ActivityType.objects.order_by("name", "pk")
    serializer_class = s.ActivityTypeSerializer
    brief_serializer_class = brief_serializer(ActivityType, "api:activitytype-detail")
    filterset_class = None
    lookup_value_regex = INT_ID


# --- stories, indicators, measurements --------------------------------------------------------------------
STORY_EXAMPLE = {
    "programme": 1,
    "hub": 3,
    "title": "Dari juru parkir menjadi peternak ayam",
    "library_name": "Perpustakaan Desa Uji",
    "library_level": "desa",
    "province": "35",
    "beneficiary_name": "Nama penerima (dengan persetujuan)",
    "consent_name_public": True,
    "consent_date": "2024-03-01",
    "activity_type": 1,
    "people_reached": 1,
    "narrative_before": "Penghasilan Rp 300.000 per bulan sebagai juru parkir.",
    "narrative_after": "Setelah pelatihan di perpustakaan, beternak 1.000 ekor ayam.",
    "income_before": 300000,
    "story_date": "2024-03-01",
}


@extend_schema_view(
    list=extend_schema(
        summary="List impact stories",
        tags=["stories"],
        description="A beneficiary's name appears only as the public pages would show it (consent); personal "
        "fields only for the hub's members and ministry staff.",
    ),
    retrieve=extend_schema(summary="One impact story", tags=["stories"]),
)
@_reviewable_schema("an impact story", "stories", s.ImpactStorySerializer, s.ImpactStoryWriteSerializer, STORY_EXAMPLE)
class ImpactStoryViewSet(
    PublicListCacheMixin, ReviewableViewSetMixin, BriefModeMixin, ConditionalMixin, viewsets.ModelViewSet
):
    serializer_class = s.ImpactStorySerializer
    write_serializer_class = s.ImpactStoryWriteSerializer
    service_module = story_services
    record_kwarg = "story"
    brief_serializer_class = brief_serializer(ImpactStory, "api:impactstory-detail")
    filterset_class = ImpactStoryFilterSet
    pagination_class = PageOrCursorPagination
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return (
            stories_visible_to(self.request.user)
            # Related records by id only, but for the innovation's status and hub, which decide
            # whether the viewer may see it named (one query per page).
            .select_related(None)
            .prefetch_related(
                "photos", Prefetch("innovation", queryset=Innovation.objects.only("id", "status", "hub_id"))
            )
            .order_by("-story_date", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="List impact indicators", tags=["indicators"]),
    retrieve=extend_schema(summary="One indicator", tags=["indicators"]),
)
class IndicatorViewSet(ReadOnlyApiViewSet):
    serializer_class = s.IndicatorSerializer
    filterset_fields = ["innovation", "programme"]
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return indicators_visible_to(self.request.user).order_by("pk")


@extend_schema_view(
    list=extend_schema(
        summary="List measurements",
        tags=["indicators"],
        description="Values of indicators over time, with cursor pagination (follow `next`).",
    ),
    retrieve=extend_schema(summary="One measurement", tags=["indicators"]),
)
class MeasurementViewSet(ReadOnlyApiViewSet):
    serializer_class = s.MeasurementSerializer
    filterset_fields = ["indicator"]
    pagination_class = LargeListCursorPagination
    cursor_ordering = ("pk",)
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return measurements_visible_to(self.request.user).order_by("pk")
