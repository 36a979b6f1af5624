from django.urls import path

from . import views

app_name = "hubs"

urlpatterns = [
    path("", views.HubListView.as_view(), name="hub_list"),
    path("benchmark/", views.BenchmarkView.as_view(), name="benchmark"),
    path("<slug:slug>/", views.HubDetailView.as_view(), name="hub_detail"),
]
