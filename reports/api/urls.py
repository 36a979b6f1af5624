"""Mounted at api/v1/reports/ by jipp/urls.py, beside the router's resources: a report job is not a
router resource (it is requested, polled and downloaded)."""

from django.urls import path

from reports.api import views

app_name = "reports-api"

urlpatterns = [
    path("", views.ReportJobListCreateAPIView.as_view(), name="job_list"),
    path("<int:pk>/", views.ReportJobDetailAPIView.as_view(), name="job_detail"),
    path("<int:pk>/download/", views.ReportJobDownloadAPIView.as_view(), name="job_download"),
]
