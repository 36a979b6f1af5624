"""Mounted at api/v1/reports/ (see jipp/urls.py; the API branch mounts it under its router)."""

from django.urls import path

from reports.api import views

app_name = "reports-api"

urlpatterns = [
    path("", views.ReportJobListCreateAPIView.as_view(), name="job_list"),
    path("<int:pk>/", views.ReportJobDetailAPIView.as_view(), name="job_detail"),
    path("<int:pk>/download/", views.ReportJobDownloadAPIView.as_view(), name="job_download"),
]
