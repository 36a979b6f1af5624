"""API endpoints of the innovations app.

Reads use the same selectors and FilterSets as the pages; writes call the services;
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

from hubs.api.views import INT_ID, ReadOnlyApiViewSet
from innovations.api import serializers as s
from innovations.filtersets.innovation import InnovationFilterSet, ReplicationFilterSet
from innovations.models import SDG, Category, Innovation, InnovationSDG, Replication
from innovations.selectors.innovation import innovations_visible_to, replications_visible_to
from innovations.services import innovation as innovation_services
from jipp import permissions
from jipp.api.mixins import BriefModeMixin, ConditionalMixin, PublicListCacheMixin, brief_serializer
from jipp.api.pagination import PageOrCursorPagination
from jipp.api.permissions import CanChangeReplication, CanEditRecord, with_defaults

INNOVATION_EXAMPLE = {
    "title": "Layanan Antar Dokumen Kependudukan",
    "institution": 41,
    "hub": 12,
    "ringkasan": "Dokumen kependudukan diantar ke rumah warga.",
    "stage": "penerapan",
    "innovation_type": "digital",
    "sdgs": [{"sdg": 16, "relevance": "Layanan publik yang inklusif."}],
}

# API documentation (English, like the rest of the schema); not user-interface text.
TRANSITIONS = {
    "submit": "Submit a draft (or a revised record) for review. Hub admins of the record's hub.",
    "start_review": "Start reviewing a submitted record. Ministry staff.",
    "request_revision": "Send the record back to its hub with a comment (required). Ministry staff.",
    "publish": "Publish a submitted or in-review record. Ministry staff.",
    "reject": "Reject a submitted or in-review record with a comment (required). Ministry staff.",
}


def _transition_schema(name, tag):
    return extend_schema(
        summary=f"{name.replace('_', ' ').capitalize()}",
        description=TRANSITIONS[name]
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


class ServiceWriteMixin:
    """Create and update of a record through its services: the write serializer validates the shape,
    the services decide everything else (rules, history, audit), the read serializer answers.

    Subclasses name `service_module` (whose `<record_kwarg>_create` / `_update` they call),
    `record_kwarg`, `write_serializer_class`, and `may_create(user, validated_data)` with the message
    `not_your_hub` for a refusal; who may update is the viewset's object permission.
    """

    service_module = None
    record_kwarg = ""
    write_serializer_class = None
    not_your_hub = _("Anda hanya dapat membuat data untuk hub Anda sendiri.")

    def _service(self, verb):
        return getattr(self.service_module, f"{self.record_kwarg}_{verb}")

    def may_create(self, user, data) -> bool:
        raise NotImplementedError

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = self.write_serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        if not self.may_create(request.user, serializer.validated_data):
            raise PermissionDenied(self.not_your_hub)
        record = self._service("create")(user=request.user, data=serializer.validated_data)
        return self.detail_response(record, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        record = self.get_object()  # the viewset's object permission decides
        sent_if_match = self.check_if_match(record)
        serializer = self.write_serializer_class(
            record, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        record = self._service("update")(
            **{self.record_kwarg: record},
            user=request.user,
            data=serializer.validated_data,
            expected_version=record.version if sent_if_match else None,
        )
        return self.detail_response(record)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class ReviewableViewSetMixin(ServiceWriteMixin):
    """Create, update, delete and workflow actions of a Reviewable record (innovation or story), through
    its services (see ServiceWriteMixin)."""

    permission_classes = with_defaults(CanEditRecord)

    def may_create(self, user, data) -> bool:
        return permissions.can_create_for_hub(user, data["hub"].pk)

    def get_serializer_class(self):
        if self.action in TRANSITIONS:
            return s.TransitionSerializer
        return super().get_serializer_class()

    def perform_destroy(self, instance):
        # get_object() has asked CanEditRecord (can_delete); the service asks again under a row lock.
        self._service("delete")(**{self.record_kwarg: instance}, user=self.request.user)

    def _transition(self, request, name):
        record = self.get_object()
        self.check_if_match(record)  # the transition itself then locks the row
        serializer = s.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data.get("comment", "")
        if name == "submit":
            # The services' submit runs the eligibility gates (innovations) or the consent gate (stories).
            record = self._service("submit")(**{self.record_kwarg: record}, user=request.user)
        else:
            record = self._service("transition")(
                **{self.record_kwarg: record}, user=request.user, action=name, comment=comment
            )
        return self.detail_response(record)

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


def _reviewable_schema(kind, tag, read, write, example):
    return extend_schema_view(
        create=extend_schema(
            summary=f"Create {kind} (draft)",
            tags=[tag],
            description="Needs a token of an editor or admin of `hub`; another hub gives 403.",
            request=write,
            responses={201: read},
            examples=[OpenApiExample("New draft", value=example, request_only=True)],
        ),
        update=extend_schema(
            summary=f"Replace {kind}'s content",
            tags=[tag],
            description="Send If-Match with the ETag you read; a stale one gives 412.",
            request=write,
            responses={200: read},
        ),
        partial_update=extend_schema(
            summary=f"Change some fields of {kind}",
            tags=[tag],
            description="Send If-Match with the ETag you read; a stale one gives 412.",
            request=write,
            responses={200: read},
            examples=[OpenApiExample("New title", value={"title": "Judul baru"}, request_only=True)],
        ),
        submit=_transition_schema("submit", tag),
        start_review=_transition_schema("start_review", tag),
        request_revision=_transition_schema("request_revision", tag),
        publish=_transition_schema("publish", tag),
        reject=_transition_schema("reject", tag),
        destroy=extend_schema(
            summary=f"Delete {kind} (a draft)",
            tags=[tag],
            description="A draft that was never submitted, by an editor or admin of its hub; 204 when deleted.",
        ),
    )


# --- innovations ------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        summary="List innovations",
        tags=["innovations"],
        description="Published innovations for everyone; hub members also see their hub's drafts, ministry "
        "staff see all. Same filters as the innovation page.",
    ),
    retrieve=extend_schema(summary="One innovation", tags=["innovations"]),
)
@_reviewable_schema(
    "an innovation", "innovations", s.InnovationSerializer, s.InnovationWriteSerializer, INNOVATION_EXAMPLE
)
class InnovationViewSet(
    PublicListCacheMixin, ReviewableViewSetMixin, BriefModeMixin, ConditionalMixin, viewsets.ModelViewSet
):
    serializer_class = s.InnovationSerializer
    write_serializer_class = s.InnovationWriteSerializer
    service_module = innovation_services
    record_kwarg = "innovation"
    brief_serializer_class = brief_serializer(Innovation, "api:innovation-detail")
    filterset_class = InnovationFilterSet
    pagination_class = PageOrCursorPagination
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    lookup_value_regex = INT_ID

    def get_queryset(self):
        return (
            innovations_visible_to(self.request.user)
            # The representation gives related records by id only: no joins, no related instances.
            .select_related(None)
            .prefetch_related(Prefetch("sdg_links", queryset=InnovationSDG.objects.select_related("sdg")))
            .order_by("-updated_at", "pk")
        )

    def get_serializer_class(self):
        if self.action == "attachments" and self.request.method == "POST":
            return s.AttachmentUploadSerializer
        return super().get_serializer_class()

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
        attachment = innovation_services.attachment_add(
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
class ReplicationViewSet(
    ServiceWriteMixin, PublicListCacheMixin, BriefModeMixin, ConditionalMixin, viewsets.ModelViewSet
):
    serializer_class = s.ReplicationSerializer
    write_serializer_class = s.ReplicationWriteSerializer
    service_module = innovation_services
    record_kwarg = "replication"
    not_your_hub = _("Anda tidak dapat mencatat replikasi untuk hub ini.")
    brief_serializer_class = brief_serializer(Replication, "api:replication-detail")
    filterset_class = ReplicationFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    lookup_value_regex = INT_ID
    permission_classes = with_defaults(CanChangeReplication)

    def get_queryset(self):
        return (
            replications_visible_to(self.request.user)
            # Related records by id only (the innovation's status is read by the visibility filter's join).
            .select_related(None)
            .order_by("-committed_on", "pk")
        )

    def may_create(self, user, data) -> bool:
        return permissions.can_record_replication(user, data["facilitating_hub"].pk)
