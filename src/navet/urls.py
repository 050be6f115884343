from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from navet.api.urls import api
from navet.core.views import healthz
from navet.dashboard.views import dashboard
from navet.organisations.oidc import login_choices

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True,
            extra_context={"oidc_providers": login_choices},
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("navet.organisations.urls")),
]
