from django.urls import path

from dataio import views

app_name = "imports"

urlpatterns = [
    path("", views.import_home, name="import_home"),
    path("templates/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/status/", views.import_status, name="import_status"),
    path("<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("export/<slug:name>/", views.export_list, name="export"),
]
