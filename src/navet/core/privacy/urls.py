from django.urls import path

from navet.core.privacy import views

urlpatterns = [
    path("personuppgifter/", views.privacy_page, name="privacy"),
    path("personuppgifter/export/", views.privacy_export, name="privacy-export"),
    path("personuppgifter/radering/", views.privacy_request, name="privacy-request"),
    path("personuppgifter/anvandare/<int:user_id>/", views.privacy_user, name="privacy-user"),
    path(
        "personuppgifter/anvandare/<int:user_id>/export/",
        views.privacy_user_export,
        name="privacy-user-export",
    ),
]
