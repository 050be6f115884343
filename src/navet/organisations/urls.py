from django.urls import path

from navet.organisations import views

app_name = "organisations"

urlpatterns = [
    path("samverkan/", views.consortium_list, name="consortium-list"),
    path("samverkan/ny/", views.consortium_create, name="consortium-create"),
    path("samverkan/<slug:slug>/", views.consortium_detail, name="consortium-detail"),
    path("samverkan/<slug:slug>/andra/", views.consortium_edit, name="consortium-edit"),
    path("kommuner/", views.municipality_list, name="municipality-list"),
    path("kommuner/ny/", views.municipality_create, name="municipality-create"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality-detail"),
    path("kommuner/<str:code>/andra/", views.municipality_edit, name="municipality-edit"),
    path("anvandare/", views.user_list, name="user-list"),
    path("anvandare/<int:user_id>/", views.user_detail, name="user-detail"),
    path(
        "anvandare/<int:user_id>/roller/<int:assignment_id>/ta-bort/",
        views.role_revoke,
        name="role-revoke",
    ),
]
