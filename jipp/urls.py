from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from hubs import views_tokens
from hubs.views import HomeView

from . import views

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("hubs/", include("hubs.urls")),
    path("innovations/", include("innovations.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("innovations.story_urls")),
    path("reports/", include("reports.urls")),
    path("imports/", include("innovations.import_urls")),
    path("api/v1/reports/", include("reports.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # REST API (issue 5): the resources, the OpenAPI schema and its offline Swagger UI / Redoc.
    path("api/v1/", include(("jipp.api_router", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("accounts/tokens/", views_tokens.TokenListView.as_view(), name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views_tokens.TokenRevokeView.as_view(), name="api_token_revoke"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
