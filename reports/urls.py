from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportJobListView.as_view(), name="job_list"),
    path("new/", views.ReportJobCreateView.as_view(), name="job_create"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/download/", views.job_download, name="job_download"),
    path("<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("subscription/", views.subscription_toggle, name="subscription_toggle"),
]
