from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innovations.admin import ReviewEventInline
from stories.models import ActivityType, ImpactStory, Indicator, Measurement, Programme, StoryPhoto


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "hub"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["hub", "sources"]


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "created_at"]


@admin.register(ImpactStory)
class ImpactStoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "hub", "library_name", "status", "story_date", "erased_at", "is_demo"]
    list_filter = ["status", "programme", "library_level", "activity_type", "is_demo", "province"]
    search_fields = ["title", "library_name", "narrative_before", "narrative_after"]
    autocomplete_fields = ["programme", "hub", "innovation", "province", "regency", "activity_type"]
    list_select_related = ["programme", "hub"]
    readonly_fields = ["status", "submitted_at", "published_at", "version", "erased_at"]
    inlines = [StoryPhotoInline, ReviewEventInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "programme", "innovation", "baseline", "target"]
    list_filter = ["programme"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["innovation", "programme"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "measured_on", "value", "source"]
    list_filter = ["indicator__programme"]
    search_fields = ["indicator__name", "note", "evidence"]
    autocomplete_fields = ["indicator", "source"]
    list_select_related = ["indicator", "source"]
