from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hubs.models import Institution, Province, Regency
from innovations.api.serializers import VisibleInnovationField, _absolute, _user, workflow_actions
from jipp.api.mixins import DynamicFieldsMixin
from stories.models import STORY_ACCOUNT_FIELDS, ActivityType, ImpactStory, Indicator, Measurement, Programme
from stories.privacy import story_public
from stories.services import STORY_FIELDS


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
            *STORY_ACCOUNT_FIELDS,
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
        return workflow_actions(self, obj)


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
