from django.urls import path

from navet.followup import views

app_name = "followup"

urlpatterns = [
    path("projekt/<int:pk>/budget/", views.budget_page, name="budget"),
    path("projekt/<int:pk>/budget/<int:line_pk>/plan/", views.line_plan, name="line-plan"),
]
