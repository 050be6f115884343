from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from navet.api.urls import api
from navet.core.views import api_token_revoke, api_tokens, healthz, notification_list
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
    path("notiser/", notification_list, name="notifications"),
    path("api-token/", api_tokens, name="api-tokens"),
    path("api-token/<int:pk>/aterkalla/", api_token_revoke, name="api-token-revoke"),
    path("", include("navet.core.privacy.urls")),
    path("api/v1/", api.urls),
    # Only the OpenID Connect part of allauth: no second password login, sign-up or reset.
    path(
        "accounts/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="account_login",
    ),
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("accounts/", include("allauth.socialaccount.urls")),
    path("admin/", admin.site.urls),
    path("", include("navet.calls.urls")),
    path("", include("navet.needs.urls")),
    path("", include("navet.matching.urls")),
    path("", include("navet.projects.urls")),
    path("", include("navet.decisions.urls")),
    path("", include("navet.economics.urls")),
    path("", include("navet.risks.urls")),
    path("", include("navet.followup.urls")),
    path("", include("navet.knowledge.urls")),
    path("", include("navet.applications.urls")),
    path("", include("navet.organisations.urls")),
]
