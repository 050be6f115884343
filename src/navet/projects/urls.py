from django.urls import path

from navet.projects import views

app_name = "projects"

urlpatterns = [
    path("projekt/", views.project_list, name="project-list"),
    path("projekt/ny/", views.project_create, name="project-create"),
    path("projekt/export.xlsx", views.project_export, name="project-export"),
    path("projekt/importera/", views.project_import, name="project-import"),
    path(
        "projekt/importera/bekrafta/",
        views.project_import_confirm,
        name="project-import-confirm",
    ),
    path("kommuner/<str:code>/projekt/", views.municipality_projects, name="municipality-projects"),
    path("projekt/<int:pk>/", views.project_detail, name="project-detail"),
    path("projekt/<int:pk>/andra/", views.project_edit, name="project-edit"),
    path("projekt/<int:pk>/status/", views.project_move, name="project-move"),
    path(
        "projekt/<int:pk>/styrgruppsbeslut/",
        views.project_steering_decision,
        name="project-steering-decision",
    ),
    path("behov/<int:pk>/projekt/", views.need_projects, name="need-projects"),
]
