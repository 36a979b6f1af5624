from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from innovations.models import (
    SDG,
    Attachment,
    Award,
    Category,
    Innovation,
    InnovationSDG,
    Replication,
    ReplicationEvidence,
    ReviewEvent,
)


class ReviewEventInline(GenericTabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "from_status", "to_status", "comment", "created_at"]


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "name_en"]
    search_fields = ["name", "name_en"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "year", "name_en"]
    list_filter = ["programme", "year"]
    search_fields = ["name", "name_en"]


class InnovationSDGInline(admin.TabularInline):
    model = InnovationSDG
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0


@admin.register(Innovation)
class InnovationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "institution", "hub", "status", "stage", "continuation", "last_verified_on", "is_demo"]
    list_filter = ["status", "stage", "innovation_type", "group", "continuation", "category__year", "is_demo", "hub"]
    search_fields = ["title", "title_en", "slug", "sinovik_id", "jippnas_id", "institution__name"]
    autocomplete_fields = ["institution", "hub", "province", "regency", "category"]
    list_select_related = ["institution", "hub"]
    readonly_fields = ["status", "submitted_at", "published_at", "version"]
    inlines = [InnovationSDGInline, AttachmentInline, AwardInline, ReviewEventInline]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["innovation", "kind", "year", "name"]
    list_filter = ["kind", "year"]
    search_fields = ["innovation__title", "name"]
    list_select_related = ["innovation"]


class ReplicationEvidenceInline(admin.TabularInline):
    model = ReplicationEvidence
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]


@admin.register(Replication)
class ReplicationAdmin(SimpleHistoryAdmin):
    list_display = ["innovation", "adopter", "facilitating_hub", "stage", "committed_on", "live_on"]
    list_filter = ["stage", "facilitating_hub", "is_demo"]
    search_fields = ["innovation__title", "adopter__name", "notes"]
    autocomplete_fields = ["innovation", "adopter", "facilitating_hub"]
    list_select_related = ["innovation", "adopter", "facilitating_hub"]
    inlines = [ReplicationEvidenceInline]


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    list_display = ["content_type", "object_id", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["content_type", "to_status"]
    search_fields = ["comment", "actor__username"]
    list_select_related = ["content_type", "actor"]
