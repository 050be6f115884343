from django.urls import path

from navet.applications import views

app_name = "applications"

urlpatterns = [
    path("ansokningar/", views.application_list, name="application-list"),
    path("projekt/<int:pk>/ansokningar/", views.project_applications, name="project-applications"),
    path("ansokningar/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "ansokningar/<int:pk>/ansokan.<str:fmt>",
        views.application_export,
        name="application-export",
    ),
    path(
        "ansokningar/<int:pk>/sammanfattning.<str:fmt>",
        views.summary_export,
        name="summary-export",
    ),
    path("ansokningar/<int:pk>/granskning/", views.review_request, name="review-request"),
    path("ansokningar/<int:pk>/granska/", views.review_decide, name="review-decide"),
    path("ansokningar/<int:pk>/avsnitt/<slug:key>/", views.section_edit, name="section-edit"),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/versioner/",
        views.section_versions,
        name="section-versions",
    ),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/aterstall/",
        views.section_restore,
        name="section-restore",
    ),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/utkast/",
        views.section_draft,
        name="section-draft",
    ),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/kopiera/",
        views.section_copy,
        name="section-copy",
    ),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/risker/",
        views.section_fill_risks,
        name="section-fill-risks",
    ),
    path(
        "ansokningar/<int:pk>/avsnitt/<slug:key>/kommentarer/",
        views.comment_add,
        name="comment-add",
    ),
    path("ansokningar/kommentarer/<int:pk>/", views.comment_resolve, name="comment-resolve"),
]
