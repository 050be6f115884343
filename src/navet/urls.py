from allauth.socialaccount import views as socialaccount_views
from django.conf.urls import i18n
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

from navet.api.urls import api
from navet.core.views import (
    api_token_revoke,
    api_tokens,
    export_file,
    healthz,
    notification_list,
)
from navet.dashboard.views import dashboard
from navet.organisations.oidc import login_choices


def _public(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Let these views answer without a session (LoginRequiredMiddleware); each checks its own
    key, such as the API's token."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _public(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns


# Every page needs a login (LoginRequiredMiddleware) except those marked `login_not_required`:
# the login and logout, the language choice, /healthz, calendar feeds by their secret address,
# the OpenID Connect login (allauth marks its own views), the admin's login and the API, which
# answers 401 itself. Static files are served by WhiteNoise before any view.
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
    path("logga-ut/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/", include(_public(list(i18n.urlpatterns)))),
    path("healthz", healthz, name="healthz"),
    path("notiser/", notification_list, name="notifications"),
    path("export/<str:token>/<str:filename>", export_file, name="export-file"),
    path("api-token/", api_tokens, name="api-tokens"),
    path("api-token/<int:pk>/aterkalla/", api_token_revoke, name="api-token-revoke"),
    path("", include("navet.core.privacy.urls")),
    path("api/v1/", include((_public(api.urls[0]), api.urls[1]), namespace=api.urls[2])),
    # Only the OpenID Connect part of allauth: no second password login, sign-up or reset.
    path(
        "accounts/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="account_login",
    ),
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    # A failed OpenID Connect login is shown to someone not logged in.
    path(
        "accounts/login/error/",
        login_not_required(socialaccount_views.login_error),
        name="socialaccount_login_error",
    ),
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
