from django.urls import path

from hubs import views

app_name = "hubs"

urlpatterns = [
    path("", views.HubListView.as_view(), name="hub_list"),
]
