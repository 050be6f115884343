from django.urls import path

from navet.risks import views

app_name = "risks"

urlpatterns = [
    path("risker/", views.register, name="register"),
    path("risker/ny/", views.risk_create, name="risk-create"),
    path("risker/export.xlsx", views.risk_export, name="risk-export"),
    path("risker/swot/", views.swot, name="swot"),
    path("risker/swot/ny/", views.swot_item_add, name="swot-item-add"),
    path("risker/swot/<int:pk>/andra/", views.swot_item_edit, name="swot-item-edit"),
    path("risker/swot/<int:pk>/ta-bort/", views.swot_item_delete, name="swot-item-delete"),
    path("risker/<int:pk>/", views.risk_detail, name="risk-detail"),
    path("risker/<int:pk>/andra/", views.risk_edit, name="risk-edit"),
    path("projekt/<int:pk>/risker/", views.project_risks, name="project-risks"),
]
