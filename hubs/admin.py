from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hubs.models import (
    Cohort,
    HubDesignation,
    HubMembership,
    Institution,
    InstitutionSuccession,
    Province,
    Regency,
    Source,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["publisher", "title", "reference", "published_on", "url"]
    search_fields = ["publisher", "title", "reference", "key"]
    list_filter = ["publisher"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]


class HubDesignationInline(admin.TabularInline):
    model = HubDesignation
    extra = 1
    fields = ["cohort", "status", "evidence", "sources", "profile"]
    autocomplete_fields = ["sources"]


class SuccessionInline(admin.TabularInline):
    model = InstitutionSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor", "sources"]


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "province", "regency", "coaching_hub", "is_demo"]
    list_filter = ["kind", "is_demo", "designations__cohort", "province"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["province", "regency", "coaching_hub"]
    list_select_related = ["province", "regency", "coaching_hub"]
    inlines = [HubDesignationInline, SuccessionInline]


@admin.register(InstitutionSuccession)
class InstitutionSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "changed_on", "date_precision"]
    search_fields = ["predecessor__name", "successor__name"]
    autocomplete_fields = ["predecessor", "successor", "sources"]
    list_select_related = ["predecessor", "successor"]


class CohortDesignationInline(admin.TabularInline):
    model = HubDesignation
    extra = 1
    fields = ["institution", "status", "evidence", "sources"]
    autocomplete_fields = ["institution", "sources"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "decree_number", "announced_on", "announced_count"]
    list_filter = ["year"]
    search_fields = ["name", "decree_number", "basis"]
    filter_horizontal = ["sources"]
    inlines = [CohortDesignationInline]


@admin.register(HubDesignation)
class HubDesignationAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "cohort", "status", "evidence"]
    list_filter = ["cohort__year", "cohort", "status", "evidence", "institution__kind"]
    search_fields = ["institution__name", "institution__acronym", "profile"]
    autocomplete_fields = ["institution", "sources"]
    list_select_related = ["institution", "cohort"]


@admin.register(HubMembership)
class HubMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "hub", "role", "created_at"]
    list_filter = ["role", "hub"]
    search_fields = ["user__username", "user__email", "hub__name"]
    autocomplete_fields = ["user", "hub"]
    list_select_related = ["user", "hub"]
