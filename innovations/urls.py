from django.urls import path

from innovations.views import innovation as views
from innovations.views import review

app_name = "innovations"

# Fixed paths come before <slug:slug>/; services never generate these words as slugs.
urlpatterns = [
    path("", views.InnovationListView.as_view(), name="innovation_list"),
    path("new/", views.innovation_create, name="innovation_create"),
    path("review/", review.ReviewQueueView.as_view(), name="review_queue"),
    path("replications/", views.ReplicationListView.as_view(), name="replication_list"),
    path("replications/<int:pk>/edit/", views.replication_edit, name="replication_edit"),
    path("replications/<int:pk>/history/", views.replication_history, name="replication_history"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("replications/evidence/<int:pk>/", views.replication_evidence_download, name="replication_evidence_download"),
    path("<slug:slug>/", views.innovation_detail, name="innovation_detail"),
    path("<slug:slug>/edit/", views.innovation_edit, name="innovation_edit"),
    path("<slug:slug>/delete/", views.innovation_delete, name="innovation_delete"),
    path("<slug:slug>/submit/", views.innovation_submit, name="innovation_submit"),
    path("<slug:slug>/review/", views.innovation_review, name="innovation_review"),
    path("<slug:slug>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<slug:slug>/history/", views.innovation_history, name="innovation_history"),
    path("<slug:slug>/replications/new/", views.ReplicationCreateView.as_view(), name="replication_create"),
]
