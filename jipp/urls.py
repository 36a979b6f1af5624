from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

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
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
