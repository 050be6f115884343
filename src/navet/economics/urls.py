from django.urls import path

from navet.economics import views

app_name = "economics"

urlpatterns = [
    path("ekonomi/", views.scenario, name="scenario"),
    path("ekonomi/<slug:slug>/<int:year>/", views.evaluation, name="evaluation"),
    path(
        "ekonomi/<slug:slug>/<int:year>/utvardering.<str:fmt>",
        views.evaluation_report,
        name="evaluation-report",
    ),
    path(
        "ekonomi/<slug:slug>/<int:year>/kommun/<str:code>/",
        views.municipality_summary,
        name="municipality-summary",
    ),
    path("ekonomi/<slug:slug>/<int:year>/tid/", views.time_log, name="time-log"),
    path(
        "ekonomi/<slug:slug>/<int:year>/tid/<int:entry_id>/ta-bort/",
        views.time_entry_delete,
        name="time-entry-delete",
    ),
    path(
        "ekonomi/<slug:slug>/<int:year>/kostnad/",
        views.resource_cost_set,
        name="resource-cost-set",
    ),
]
