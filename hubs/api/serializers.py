"""API representations of regions, institutions, cohorts, hubs and memberships."""

from rest_framework import serializers

from hubs.models import Cohort, HubDesignation, HubMembership, Institution, Province, Regency, Source
from jipp.api.mixins import DynamicFieldsMixin


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "publisher", "title", "reference", "url", "published_on"]


class ProvinceSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="pk", read_only=True, help_text="Two-digit Kemendagri code, e.g. `31`.")
    url = serializers.HyperlinkedIdentityField(view_name="api:province-detail")

    class Meta:
        model = Province
        fields = ["id", "url", "code", "name"]


class RegencySerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="pk", read_only=True, help_text="Kemendagri code `PP.RR`, e.g. `35.28`.")
    url = serializers.HyperlinkedIdentityField(view_name="api:regency-detail")
    province = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Regency
        fields = ["id", "url", "code", "name", "kind", "province"]


class InstitutionSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:institution-detail")
    province = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    regency = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    coaching_hub = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "url",
            "name",
            "acronym",
            "slug",
            "kind",
            "province",
            "regency",
            "website",
            "coaching_hub",
            "is_demo",
            "created_at",
            "updated_at",
        ]


class CohortSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:cohort-detail")
    recorded_count = serializers.IntegerField(
        source="recorded", read_only=True, help_text="Hubs of this cohort recorded in the registry."
    )
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id",
            "url",
            "slug",
            "year",
            "name",
            "name_en",
            "decree_number",
            "decree_date",
            "announced_on",
            "announced_count",
            "recorded_count",
            "basis",
            "sources",
        ]


class DesignationSerializer(serializers.ModelSerializer):
    cohort = serializers.PrimaryKeyRelatedField(read_only=True)
    cohort_slug = serializers.CharField(source="cohort.slug", read_only=True)
    year = serializers.IntegerField(source="cohort.year", read_only=True)

    class Meta:
        model = HubDesignation
        fields = ["id", "cohort", "cohort_slug", "year", "status", "evidence", "profile"]


class HubSerializer(InstitutionSerializer):
    """A hub: an institution with at least one designation, with its designations."""

    url = serializers.HyperlinkedIdentityField(view_name="api:hub-detail")
    first_year = serializers.IntegerField(read_only=True, allow_null=True)
    designations = DesignationSerializer(many=True, read_only=True)

    class Meta(InstitutionSerializer.Meta):
        fields = [*InstitutionSerializer.Meta.fields, "first_year", "designations"]


class MembershipSerializer(DynamicFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:membership-detail")
    user = serializers.PrimaryKeyRelatedField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    hub = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = HubMembership
        fields = ["id", "url", "user", "username", "hub", "role", "created_at"]
