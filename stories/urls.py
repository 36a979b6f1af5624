"""URLs of programmes and impact stories, mounted at the site root (/tpbis/, /programmes/…, /stories/…)."""

from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("tpbis/", views.ProgrammeDetailView.as_view(), {"slug": "tpbis"}, name="tpbis"),
    path("programmes/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/new/", views.StoryCreateView.as_view(), name="story_create"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story_detail"),
    path("stories/<slug:slug>/edit/", views.StoryEditView.as_view(), name="story_edit"),
    path("stories/<slug:slug>/delete/", views.StoryDeleteView.as_view(), name="story_delete"),
    path("stories/<slug:slug>/erase/", views.StoryEraseView.as_view(), name="story_erase"),
    path("stories/<slug:slug>/submit/", views.StorySubmitView.as_view(), name="story_submit"),
    path("stories/<slug:slug>/review/", views.StoryReviewView.as_view(), name="story_review"),
    path("stories/<slug:slug>/photos/<int:pk>/", views.StoryPhotoView.as_view(), name="story_photo"),
    path(
        "stories/<slug:slug>/photos/<int:pk>/delete/", views.StoryPhotoDeleteView.as_view(), name="story_photo_delete"
    ),
    path("stories/<slug:slug>/consent-document/", views.ConsentDocumentView.as_view(), name="story_consent_document"),
]
