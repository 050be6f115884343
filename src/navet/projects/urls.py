from django.urls import path

from navet.projects import views
from navet.projects.views import preparation

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
        "projekt/<int:pk>/behovsanalys/", preparation.needs_analysis, name="project-needs-analysis"
    ),
    path(
        "projekt/behovsanalys/filer/<int:pk>/",
        preparation.needs_analysis_file,
        name="needs-analysis-file",
    ),
    path(
        "projekt/<int:pk>/samverkansintyg/",
        preparation.confirmations,
        name="project-confirmations",
    ),
    path(
        "projekt/<int:pk>/samverkansintyg/skal/",
        preparation.confirmations_waive,
        name="project-confirmations-waive",
    ),
    path(
        "projekt/<int:pk>/samverkansintyg/<str:code>/begar/",
        preparation.confirmation_request,
        name="confirmation-request",
    ),
    path(
        "projekt/<int:pk>/samverkansintyg/<str:code>/samverkansblankett.<str:fmt>",
        preparation.cooperation_form,
        name="cooperation-form",
    ),
    path(
        "projekt/<int:pk>/samverkansintyg/<str:code>/",
        preparation.confirmation_record,
        name="confirmation-record",
    ),
    path(
        "projekt/samverkansintyg/filer/<int:pk>/",
        preparation.confirmation_file,
        name="confirmation-file",
    ),
    path("behov/<int:pk>/projekt/", views.need_projects, name="need-projects"),
]
