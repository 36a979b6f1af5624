from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from dashboard import urls as dashboard_urls
from dashboard.views import HomeView, SearchView
from hubs import urls as hubs_urls
from jipp import views, views_tokens
from jipp.auth_forms import PortalAdminAuthenticationForm, PortalAuthenticationForm, PortalPasswordResetView
from jipp.views_security import SecurityEventListView

API_DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}
# The portal's own error pages (in its layout and language; JSON under /api/): see jipp.views.
handler400 = "jipp.views.bad_request"
handler403 = "jipp.views.permission_denied"
handler404 = "jipp.views.page_not_found"
handler500 = "jipp.views.server_error"
admin.site.login_form = PortalAdminAuthenticationForm

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
    path("hubs/", include((hubs_urls.urlpatterns + dashboard_urls.hub_urlpatterns, "hubs"))),
    path("innovations/", include("innovations.urls")),
    # Before the include: the login form validates the username before any backend sees it.
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=PortalAuthenticationForm), name="login"),
    path("accounts/password_reset/", PortalPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("stories.urls")),
    path("reports/", include("reports.urls")),
    path("imports/", include("dataio.urls")),
    path("api/v1/reports/", include("reports.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # REST API: the resources, the OpenAPI schema and its offline Swagger UI / Redoc.
    path("api/v1/", include(("jipp.api_router", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split Swagger view serves its start-up script as a file, so scripts stay 'self'; both UIs
    # style their widgets inline and Redoc runs a blob: worker, allowed on these two pages only.
    path(
        "api/docs/",
        csp_update(API_DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("api/redoc/", csp_update(API_DOCS_CSP)(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("accounts/tokens/", views_tokens.TokenListView.as_view(), name="api_tokens"),
    path("security-events/", SecurityEventListView.as_view(), name="security_events"),
    path("accounts/tokens/<int:pk>/revoke/", views_tokens.TokenRevokeView.as_view(), name="api_token_revoke"),
]
