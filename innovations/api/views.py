"""API endpoints of the innovations app.

Reads use the same selectors and FilterSets as the pages (see compat.py); writes call the services;
permission decisions come from hubs.permissions and innovations.workflow. Views only translate HTTP.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from hubs import permissions
from hubs.api.views import INT_ID, ReadOnlyApiViewSet
from jipp.api.mixins import BriefModeMixin, ConditionalMixin, brief_serializer
from jipp.api.pagination import LargeListCursorPagination

from ..models import SDG, ActivityType, Category, ImpactStory, Innovation, InnovationSDG, Programme, Replication
from ..workflow import workflow_transition
from . import compat
from . import serializers as s

INNOVATION_EXAMPLE = {
    "title": "Layanan Antar Dokumen Kependudukan",
    "institution": 41,
    "hub": 12,
    "ringkasan": "Dokumen kependudukan diantar ke rumah warga.",
    "stage": "penerapan",
    "innovation_type": "digital",
    "sdgs": [{"sdg": 16, "relevance": "Layanan publik yang inklusif."}],
}

TRANSITIONS = {
    "submit": _("Submit a draft (or a revised record) for review. Hub admins of the record's hub."),
    "start_review": _("Start reviewing a submitted record. Ministry staff."),
    "request_revision": _("Send the record back to its hub with a comment (required). Ministry staff."),
    "publish": _("Publish a submitted or in-review record. Ministry staff."),
    "reject": _("Reject a submitted or in-review record with a comment (required). Ministry staff."),
}


def _transition_schema(name, tag):
    return extend_schema(
        summary=f"{name.replace('_', ' ').capitalize()}",
        description=str(TRANSITIONS[name])
        + " Optionally send If-Match with the ETag you read. Invalid transitions give 400 with code "
        "`invalid_transition`; a missing comment gives 400 with `fields.comment`.",
        tags=[tag],
        request=s.TransitionSerializer,
        examples=[
            OpenApiExample("Comment", value={"comment": "Lengkapi data dukung implementasi."}, request_only=True)
        ],
    )


# --- reference data ---------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(summary="List the 17 SDGs (TPB)", tags=["reference"]),
    retrieve=extend_schema(summary="One SDG", tags=["reference"]),
)
class SDGViewSet(ReadOnlyApiViewSet):
    queryset = SDG.objects.order_by("number")
    serializer_class = s.SDGSerializer
    brief_serializer_class = brief_serializer(SDG, "api:sdg-detail")
    filterset_class = None
    lookup_value_regex = INT_ID


@extend_schema_view(
    list=extend_schema(summary="List competition categories", tags=["reference"]),
    retrieve=extend_schema(summary="One category", tags=["reference"]),
)
class CategoryViewSet(ReadOnlyApiViewSet):
    queryset = Category.objects.order_by("-year", "name", "pk")
    serializer_class = s.CategorySerializer
    brief_serializer_class = brief_serializer(Category, "api:category-detail")
    filterset_fields = ["programme", "year"]
    lookup_value_regex = INT_ID


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


# --- innovations ------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        summary="List innovations",
        tags=["innovations"],
        description="Published innovations for everyone; hub members also see their hub's drafts, ministry "
        "staff see all. Same filters as the innovation page.",
    ),
    retrieve=extend_schema(summary="One innovation", tags=["innovations"]),
    create=extend_schema(
        summary="Create an innovation (draft)",
        tags=["innovations"],
        description="Needs a token of an editor or admin of `hub`; another hub gives 403.",
        request=s.InnovationWriteSerializer,
        responses={201: s.InnovationSerializer},
        examples=[OpenApiExample("New draft", value=INNOVATION_EXAMPLE, request_only=True)],
    ),
    update=extend_schema(
        summary="Replace an innovation's content",
        tags=["innovations"],
        description="Send If-Match with the ETag you read; a stale one gives 412.",
        request=s.InnovationWriteSerializer,
        responses={200: s.InnovationSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some fields of an innovation",
        tags=["innovations"],
        description="Send If-Match with the ETag you read; a stale one gives 412.",
        request=s.InnovationWriteSerializer,
        responses={200: s.InnovationSerializer},
        examples=[OpenApiExample("New title", value={"title": "Judul baru"}, request_only=True)],
    ),
    submit=_transition_schema("submit", "innovations"),
    start_review=_transition_schema("start_review", "innovations"),
    request_revision=_transition_schema("request_revision", "innovations"),
    publish=_transition_schema("publish", "innovations"),
    reject=_transition_schema("reject", "innovations"),
)
class InnovationViewSet(BriefModeMixin, ConditionalMixin, viewsets.ModelViewSet):
    serializer_class = s.InnovationSerializer
    brief_serializer_class = brief_serializer(Innovation, "api:innovation-detail")
    filterset_class = compat.InnovationFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return (
            compat.innovations_visible_to(self.request.user)
            .select_related("hub", "institution")
            .prefetch_related(Prefetch("sdg_links", queryset=InnovationSDG.objects.select_related("sdg")))
            .order_by("-updated_at", "pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.InnovationWriteSerializer
        if self.action in TRANSITIONS:
            return s.TransitionSerializer
        if self.action == "attachments" and self.request.method == "POST":
            return s.AttachmentUploadSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = s.InnovationWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        if not permissions.can_create_for_hub(request.user, serializer.validated_data["hub"].pk):
            raise PermissionDenied(_("Anda hanya dapat membuat inovasi untuk hub Anda sendiri."))
        innovation = compat.service("innovation", "innovation_create")(
            user=request.user, data=serializer.validated_data
        )
        return self.detail_response(innovation, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        innovation = self.get_object()
        if not permissions.can_edit(request.user, innovation):
            raise PermissionDenied(_("Anda tidak dapat mengubah inovasi ini."))
        sent_if_match = self.check_if_match(innovation)
        serializer = s.InnovationWriteSerializer(
            innovation, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        innovation = compat.service("innovation", "innovation_update")(
            innovation=innovation,
            user=request.user,
            data=serializer.validated_data,
            expected_version=innovation.version if sent_if_match else None,
        )
        return self.detail_response(innovation)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def _transition(self, request, name):
        innovation = self.get_object()
        self.check_if_match(innovation)  # the transition itself then locks the row
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data.get("comment", "")
        service_name = "innovation_submit" if name == "submit" else "innovation_transition"
        try:
            run = compat.service("innovation", service_name)
        except (ImportError, AttributeError):
            run = None
        if run is None:
            # Before the innovation services are merged: the workflow itself (without the submit gates).
            innovation = workflow_transition(obj=innovation, user=request.user, action=name, comment=comment)
        elif name == "submit":
            innovation = run(innovation=innovation, user=request.user)
        else:
            innovation = run(innovation=innovation, user=request.user, action=name, comment=comment)
        return self.detail_response(innovation)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, "submit")

    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        return self._transition(request, "start_review")

    @action(detail=True, methods=["post"], url_path="request-revision")
    def request_revision(self, request, pk=None):
        return self._transition(request, "request_revision")

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._transition(request, "publish")

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._transition(request, "reject")

    @extend_schema(
        methods=["GET"],
        summary="List an innovation's attachments",
        tags=["innovations"],
        responses=s.AttachmentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Attach a file to an innovation",
        description="multipart/form-data with `file` (PDF, image or Office; checked by content), optional "
        "`aspect` and `description`. Editors and admins of the innovation's hub.",
        tags=["innovations"],
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={201: s.AttachmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser], pagination_class=None)
    def attachments(self, request, pk=None):
        innovation = self.get_object()
        if request.method == "GET":
            data = s.AttachmentSerializer(
                innovation.attachments.all(), many=True, context=self.get_serializer_context()
            ).data
            return Response(data)
        if not permissions.can_edit(request.user, innovation):
            raise PermissionDenied(_("Anda tidak dapat mengubah inovasi ini."))
        upload = s.AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        attachment = compat.service("innovation", "attachment_add")(
            innovation=innovation,
            user=request.user,
            file=upload.validated_data["file"],
            aspect=upload.validated_data.get("aspect", ""),
            description=upload.validated_data.get("description", ""),
        )
        return Response(
            s.AttachmentSerializer(attachment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


# --- replications -----------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(summary="List replications", tags=["replications"]),
    retrieve=extend_schema(summary="One replication", tags=["replications"]),
    create=extend_schema(
        summary="Record a replication",
        description="Admins of the facilitating hub, and ministry staff.",
        tags=["replications"],
        request=s.ReplicationWriteSerializer,
        responses={201: s.ReplicationSerializer},
        examples=[
            OpenApiExample(
                "Commitment",
                value={"innovation": 7, "adopter": 51, "facilitating_hub": 12, "committed_on": "2022-05-10"},
                request_only=True,
            )
        ],
    ),
    update=extend_schema(
        summary="Replace a replication",
        tags=["replications"],
        request=s.ReplicationWriteSerializer,
        responses={200: s.ReplicationSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a replication (e.g. its stage)",
        tags=["replications"],
        request=s.ReplicationWriteSerializer,
        responses={200: s.ReplicationSerializer},
    ),
)
class ReplicationViewSet(BriefModeMixin, ConditionalMixin, viewsets.ModelViewSet):
    serializer_class = s.ReplicationSerializer
    brief_serializer_class = brief_serializer(Replication, "api:replication-detail")
    filterset_class = compat.ReplicationFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return (
            compat.replications_visible_to(self.request.user)
            .select_related("innovation", "adopter")
            .order_by("-committed_on", "pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.ReplicationWriteSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = s.ReplicationWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        if not permissions.can_record_replication(request.user, serializer.validated_data["facilitating_hub"].pk):
            raise PermissionDenied(_("Anda tidak dapat mencatat replikasi untuk hub ini."))
        replication = compat.service("innovation", "replication_create")(
            user=request.user, data=serializer.validated_data
        )
        return self.detail_response(replication, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        replication = self.get_object()
        if not permissions.can_record_replication(request.user, replication.facilitating_hub_id):
            raise PermissionDenied(_("Anda tidak dapat mengubah replikasi ini."))
        sent_if_match = self.check_if_match(replication)
        serializer = s.ReplicationWriteSerializer(
            replication, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        replication = compat.service("innovation", "replication_update")(
            replication=replication,
            user=request.user,
            data=serializer.validated_data,
            expected_version=replication.version if sent_if_match else None,
        )
        return self.detail_response(replication)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


# --- stories, indicators, measurements --------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        summary="List impact stories",
        tags=["stories"],
        description="A beneficiary's name appears only as the public pages would show it (consent); personal "
        "fields only for the hub's members and ministry staff.",
    ),
    retrieve=extend_schema(summary="One impact story", tags=["stories"]),
)
class ImpactStoryViewSet(ReadOnlyApiViewSet):
    serializer_class = s.ImpactStorySerializer
    brief_serializer_class = brief_serializer(ImpactStory, "api:impactstory-detail")
    filterset_class = compat.ImpactStoryFilterSet
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return (
            compat.stories_visible_to(self.request.user)
            .select_related("hub")
            .prefetch_related("photos")
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
        return compat.indicators_visible_to(self.request.user).order_by("pk")


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
        return compat.measurements_visible_to(self.request.user).order_by("pk")
