from django.urls import path, re_path

from navet.needs import views

app_name = "needs"

urlpatterns = [
    path("behov/", views.need_list, name="need-list"),
    re_path(r"^behov/export\.(?P<kind>xlsx|csv|json)$", views.need_export, name="need-export"),
    path("behov/matris/", views.need_matrix, name="matrix"),
    re_path(
        r"^behov/matris/export\.(?P<kind>xlsx|csv)$",
        views.need_matrix_export,
        name="matrix-export",
    ),
    path("behov/importera/", views.need_import, name="need-import"),
    path("behov/ny/", views.need_edit, name="need-create"),
    path("behov/<int:pk>/", views.need_detail, name="need-detail"),
    path("behov/<int:pk>/andra/", views.need_edit, name="need-edit"),
    path("behov/<int:pk>/status/", views.need_status, name="need-status"),
    path("behov/<int:pk>/instam/", views.need_endorse, name="need-endorse"),
    path(
        "behov/<int:pk>/instam/<str:code>/ta-tillbaka/",
        views.endorsement_withdraw,
        name="endorsement-withdraw",
    ),
]
