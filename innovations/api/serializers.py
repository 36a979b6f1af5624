"""API representations of innovations, replications, stories, indicators and their reference data.

Read serializers say what a client sees (a story through stories.privacy.PublicStory); write serializers
only check the shape and types of the input. Every rule about *whether* a write may happen lives in the
services and jipp.permissions.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hubs.models import Institution, Province, Regency
from innovations.models import ASPECT_FIELDS, SDG, Attachment, Category, Innovation, InnovationSDG, Replication
from innovations.selectors.innovation import innovations_visible_to
from innovations.services.innovation import INNOVATION_FIELDS
from innovations.workflow import actions_available
from jipp.api.mixins import DynamicFieldsMixin


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def workflow_actions(serializer, obj) -> list[str]:
    """The `actions` field of an innovation or a story: the workflow actions the caller may take now.

    A read-only token writes nothing (jipp.api.permissions.ReadOnlyTokenPermission), so it is offered
    none, whatever its user may do through a token that writes.
    """
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(getattr(request, "auth", None), "read_only", False):
        return []
    return [a.name.replace("_", "-") for a in actions_available(user, obj)]


class VisibleInnovationField(serializers.PrimaryKeyRelatedField):
    """An innovation by id, among those the caller may see: another hub's draft reads as "does not exist",
    as a missing id does, so the answer does not tell that it exists."""

    def get_queryset(self):
        return innovations_visible_to(_user(self.parent) if self.parent else None)


# --- reference data ---------------------------------------------------------------------------------------
class SDGSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:sdg-detail")

    class Meta:
        model = SDG
        fields = ["id", "url", "number", "name", "name_en"]


class CategorySerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:category-detail")

    class Meta:
        model = Category
        fields = ["id", "url", "programme", "year", "name", "name_en"]


# --- innovations ------------------------------------------------------------------------------------------
class InnovationSDGSerializer(serializers.ModelSerializer):
    sdg = serializers.SlugRelatedField(slug_field="number", queryset=SDG.objects.all(), help_text="SDG number 1–17.")

    class Meta:
        model = InnovationSDG
        fields = ["sdg", "relevance"]


# The fields a hub member may write are the service's (innovation_create/update); `hub` is set on create.
INNOVATION_API_FIELDS = ["hub", *INNOVATION_FIELDS]


class InnovationSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:innovation-detail")
    institution = serializers.PrimaryKeyRelatedField(read_only=True)
    hub = serializers.PrimaryKeyRelatedField(read_only=True)
    province = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    regency = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    category = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    sdgs = InnovationSDGSerializer(source="sdg_links", many=True, read_only=True)
    actions = serializers.SerializerMethodField(help_text="Workflow actions you may take now (POST .../<action>/).")

    class Meta:
        model = Innovation
        fields = [
            "id",
            "url",
            "slug",
            *INNOVATION_API_FIELDS,
            "sdgs",
            "status",
            "version",
            "is_demo",
            "submitted_at",
            "published_at",
            "created_at",
            "updated_at",
            "actions",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, obj):
        return workflow_actions(self, obj)


class InnovationWriteSerializer(serializers.ModelSerializer):
    """Input of POST (all required fields) and PUT/PATCH. `sdgs` replaces the list of linked SDGs."""

    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    hub = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.all(), required=False, allow_null=True)
    regency = serializers.PrimaryKeyRelatedField(queryset=Regency.objects.all(), required=False, allow_null=True)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), required=False, allow_null=True)
    # Passed to the services as `sdg_links` (innovation_create / innovation_update replace the links).
    sdgs = InnovationSDGSerializer(many=True, required=False, source="sdg_links")

    class Meta:
        model = Innovation
        fields = [*INNOVATION_API_FIELDS, "sdgs"]
        # Uniqueness (SINOVIK/JIPPNas ids) is checked by the service, with the record being edited excluded.
        validators = []
        extra_kwargs = {"sinovik_id": {"validators": []}, "jippnas_id": {"validators": []}}


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Required for request-revision and reject: what must change, or why.",
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


class AttachmentSerializer(serializers.ModelSerializer):
    # The permission-checked download, never the storage's own address (which no check stands in front of).
    file = serializers.SerializerMethodField(help_text="Download address; it checks your rights on each request.")
    aspect = serializers.ChoiceField(choices=ASPECT_FIELDS, allow_blank=True, read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "aspect", "description", "file", "created_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, obj):
        return _absolute(self.context.get("request"), reverse("innovations:attachment_download", args=[obj.pk]))


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, image or Office file; checked by content, not by name.")
    aspect = serializers.ChoiceField(choices=[("", "")] + [(f, f) for f in ASPECT_FIELDS], required=False)
    description = serializers.CharField(max_length=255, required=False, allow_blank=True)


# --- replications -----------------------------------------------------------------------------------------
REPLICATION_FIELDS = ["innovation", "adopter", "facilitating_hub", "stage", "committed_on", "live_on", "notes"]


class ReplicationSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:replication-detail")
    innovation = serializers.PrimaryKeyRelatedField(read_only=True)
    adopter = serializers.PrimaryKeyRelatedField(read_only=True)
    facilitating_hub = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Replication
        fields = ["id", "url", *REPLICATION_FIELDS, "version", "is_demo", "created_at", "updated_at"]


class ReplicationWriteSerializer(serializers.ModelSerializer):
    innovation = serializers.PrimaryKeyRelatedField(queryset=Innovation.objects.all())
    adopter = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    facilitating_hub = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())

    class Meta:
        model = Replication
        fields = REPLICATION_FIELDS
        validators = []  # the (innovation, adopter) uniqueness is the service's to report
