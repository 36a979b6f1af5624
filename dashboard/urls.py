"""The dashboard's pages under /hubs/ (the project's URL map joins them to the hubs namespace)."""

from django.urls import path

from dashboard import views

# After the hubs app's own paths: "benchmark/" before the catch-all hub slug.
hub_urlpatterns = [
    path("benchmark/", views.BenchmarkView.as_view(), name="benchmark"),
    path("submissions/", views.WorkInProgressView.as_view(), name="work_in_progress"),
    path("<slug:slug>/", views.HubDetailView.as_view(), name="hub_detail"),
]
