"""The API's URL map: /api/v1/<plural-kebab-case>/ for every resource (see docs/api.md)."""

from django.urls import re_path
from rest_framework.routers import DefaultRouter

from hubs.api import views as hubs_views
from innovations.api import views as innovations_views
from jipp.api.views import api_not_found
from stories.api import views as stories_views

router = DefaultRouter()
# Reference data
router.register("provinces", hubs_views.ProvinceViewSet, basename="province")
router.register("regencies", hubs_views.RegencyViewSet, basename="regency")
router.register("sdgs", innovations_views.SDGViewSet, basename="sdg")
router.register("categories", innovations_views.CategoryViewSet, basename="category")
# Hubs and their network
router.register("institutions", hubs_views.InstitutionViewSet, basename="institution")
router.register("cohorts", hubs_views.CohortViewSet, basename="cohort")
router.register("hubs", hubs_views.HubViewSet, basename="hub")
router.register("memberships", hubs_views.MembershipViewSet, basename="membership")
# Innovations, replications, stories, indicators
router.register("innovations", innovations_views.InnovationViewSet, basename="innovation")
router.register("replications", innovations_views.ReplicationViewSet, basename="replication")
router.register("programmes", stories_views.ProgrammeViewSet, basename="programme")
router.register("activity-types", stories_views.ActivityTypeViewSet, basename="activitytype")
router.register("stories", stories_views.ImpactStoryViewSet, basename="impactstory")
router.register("indicators", stories_views.IndicatorViewSet, basename="indicator")
router.register("measurements", stories_views.MeasurementViewSet, basename="measurement")

urlpatterns = [
    *router.urls,
    # Last: whatever names no resource gets a JSON 404 rather than the site's HTML page
    # (`[\s\S]`, not `.`: a path with an encoded newline, e.g. /api/v1/reports/%0A/, must match too).
    re_path(r"^[\s\S]*$", api_not_found, name="not-found"),
]
