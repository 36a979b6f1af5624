"""API representations of innovations, replications, stories, indicators and their reference data.

Read serializers say what a client sees (a story through innovations.privacy.PublicStory); write serializers
only check the shape and types of the input. Every rule about *whether* a write may happen lives in the
services and hubs.permissions.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hubs.models import Institution, Province, Regency
from jipp.api.mixins import DynamicFieldsMixin

from ..models import (
    ASPECT_FIELDS,
    SDG,
    ActivityType,
    Attachment,
    Category,
    ImpactStory,
    Indicator,
    Innovation,
    InnovationSDG,
    Measurement,
    Programme,
    Replication,
)
from ..privacy import story_public
from ..selectors.innovation import innovations_visible_to
from ..services.innovation import INNOVATION_FIELDS
from ..services.story import STORY_FIELDS
from ..workflow import actions_available


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


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


class ProgrammeSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:programme-detail")
    hub = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "url", "slug", "name", "name_en", "acronym", "hub", "description", "description_en"]


class ActivityTypeSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:activitytype-detail")

    class Meta:
        model = ActivityType
        fields = ["id", "url", "slug", "name", "name_en"]


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
        user = _user(self)
        if user is None or not user.is_authenticated:
            return []
        return [a.name.replace("_", "-") for a in actions_available(user, obj)]


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


# --- stories ----------------------------------------------------------------------------------------------
class StoryPhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    image = serializers.URLField(help_text="The photo's address; it checks your rights and consent on each request.")
    caption = serializers.CharField()


class ImpactStorySerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    """A story as the pages show it: the name and photos only as consent allows, personal fields to the hub."""

    url = serializers.HyperlinkedIdentityField(view_name="api:impactstory-detail")
    programme = serializers.PrimaryKeyRelatedField(read_only=True)
    hub = serializers.PrimaryKeyRelatedField(read_only=True)
    innovation = serializers.SerializerMethodField(
        help_text="The related innovation's id, or null when there is none or you may not see it (a draft)."
    )
    province = serializers.PrimaryKeyRelatedField(read_only=True)
    regency = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    activity_type = serializers.PrimaryKeyRelatedField(read_only=True)
    beneficiary = serializers.SerializerMethodField(help_text="The beneficiary's name as the public pages show it.")
    personal = serializers.SerializerMethodField(
        help_text="Gender, age group and disability: only for the hub's members and ministry staff, else null."
    )
    photos = serializers.SerializerMethodField(help_text="Empty unless photo consent allows you to see them.")
    actions = serializers.SerializerMethodField()

    class Meta:
        model = ImpactStory
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "title_en",
            "programme",
            "hub",
            "innovation",
            "library_name",
            "library_level",
            "province",
            "regency",
            "beneficiary",
            "personal",
            "consent_name_public",
            "consent_photo_public",
            "activity_type",
            "people_reached",
            "narrative_before",
            "narrative_after",
            "narrative_before_en",
            "narrative_after_en",
            "income_before",
            "income_after",
            "story_date",
            "status",
            "version",
            "erased_at",
            "published_at",
            "created_at",
            "updated_at",
            "photos",
            "actions",
        ]

    def _public(self, obj):
        """The story as the caller may see it (innovations.privacy), once per story for all fields."""
        if getattr(self, "_public_of", (None,))[0] is not obj:
            self._public_of = (obj, story_public(story=obj, user=_user(self)))
        return self._public_of[1]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_innovation(self, obj):
        innovation = self._public(obj).innovation
        return innovation.pk if innovation is not None else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_beneficiary(self, obj):
        return self._public(obj).beneficiary_name

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "gender": {"type": "string"},
                "age_group": {"type": "string"},
                "has_disability": {"type": "boolean", "nullable": True},
            },
        }
    )
    def get_personal(self, obj):
        public = self._public(obj)
        if not public.personal:
            return None
        return {
            "gender": public.gender or "",
            "age_group": public.age_group or "",
            "has_disability": public.has_disability,
        }

    @extend_schema_field(StoryPhotoSerializer(many=True))
    def get_photos(self, obj):
        request = self.context.get("request")
        # The photo route checks rights and consent on each request; the storage's address would not.
        return [
            {
                "id": p.pk,
                "image": _absolute(request, reverse("stories:story_photo", args=[obj.slug, p.pk])),
                "caption": p.caption,
            }
            for p in self._public(obj).photos
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, obj):
        user = _user(self)
        if user is None or not user.is_authenticated:
            return []
        return [a.name.replace("_", "-") for a in actions_available(user, obj)]


class ImpactStoryWriteSerializer(serializers.ModelSerializer):
    """Input of POST and PUT/PATCH of a story. Consent is recorded by the service (who, when)."""

    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    hub = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    innovation = VisibleInnovationField(required=False, allow_null=True)
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.all())
    regency = serializers.PrimaryKeyRelatedField(queryset=Regency.objects.all(), required=False, allow_null=True)
    activity_type = serializers.PrimaryKeyRelatedField(queryset=ActivityType.objects.all())

    class Meta:
        model = ImpactStory
        # The service decides which fields a write may set; `hub` is set on create only.
        fields = ["hub", *STORY_FIELDS]


# --- indicators and measurements --------------------------------------------------------------------------
class IndicatorSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")
    innovation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["id", "url", "innovation", "programme", "slug", "name", "name_en", "unit", "baseline", "target"]


class MeasurementSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:measurement-detail")
    indicator = serializers.PrimaryKeyRelatedField(read_only=True)
    source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Measurement
        fields = ["id", "url", "indicator", "measured_on", "value", "source", "evidence", "note"]
