from django.urls import path

from navet.followup import views

app_name = "followup"

urlpatterns = [
    path("uppfoljning/<slug:slug>/", views.portfolio_page, name="portfolio"),
    path("projekt/<int:pk>/budget/", views.budget_page, name="budget"),
    path("projekt/<int:pk>/budget/<int:line_pk>/plan/", views.line_plan, name="line-plan"),
    path("projekt/<int:pk>/uppfoljning/", views.followup_page, name="followup"),
    path("projekt/<int:pk>/uppfoljning/utfall/", views.expenditure_add, name="expenditure-add"),
    path(
        "projekt/<int:pk>/uppfoljning/utfall/<int:expenditure_pk>/ta-bort/",
        views.expenditure_delete,
        name="expenditure-delete",
    ),
    path(
        "projekt/<int:pk>/uppfoljning/utfall/export/",
        views.expenditure_export,
        name="expenditure-export",
    ),
    path("projekt/<int:pk>/uppfoljning/import/", views.ledger_import, name="ledger-import"),
    path("projekt/<int:pk>/uppfoljning/indikator/", views.indicator_add, name="indicator-add"),
    path("projekt/<int:pk>/uppfoljning/matning/", views.measurement_add, name="measurement-add"),
    path("projekt/<int:pk>/uppfoljning/rapportdag/", views.report_deadline_add, name="report-add"),
    path("projekt/<int:pk>/uppfoljning/insats/", views.intervention_add, name="intervention-add"),
    path(
        "projekt/<int:pk>/uppfoljning/<str:kind>.<str:fmt>",
        views.report_download,
        name="report",
    ),
]
