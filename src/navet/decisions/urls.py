from django.urls import path

from navet.decisions import views

app_name = "decisions"

urlpatterns = [
    path("beslut/", views.motion_list, name="motion-list"),
    path("beslut/nytt/", views.motion_create, name="motion-create"),
    path("beslut/<int:pk>/", views.motion_detail, name="motion-detail"),
    path("beslut/<int:pk>/andra/", views.motion_edit, name="motion-edit"),
    path("beslut/<int:pk>/rosta/", views.vote, name="motion-vote"),
    path("beslut/<int:pk>/stang/", views.motion_close, name="motion-close"),
    path("beslut/<int:pk>/dokument/", views.document_attach, name="document-attach"),
    path("beslut/dokument/<int:pk>/", views.document_download, name="document-download"),
]
