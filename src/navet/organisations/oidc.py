"""Login through each municipality's own OpenID Connect provider (typically its Entra ID tenant).

Every provider in NAVET_OIDC_PROVIDERS names the municipality whose staff it authenticates. A
first login creates the user as a municipal contact of that municipality; nothing else can sign
up. See docs/authentication.md.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from navet.core.audit import acting_as
from navet.core.models import User
from navet.organisations.models import Municipality, Role, RoleAssignment


def municipality_code_for(provider_id: str) -> str | None:
    for provider in settings.OIDC_PROVIDERS:
        if provider["id"] == provider_id:
            return str(provider["municipality"])
    return None


class ClosedSignupAdapter(DefaultAccountAdapter):
    """Accounts with passwords are created by administrators, never by sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class MunicipalityLoginAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        code = municipality_code_for(sociallogin.account.provider)
        return code is not None and Municipality.objects.filter(code=code).exists()

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Connect a first login to the account an administrator made with the same e-mail.

        The municipality's own identity provider vouches for its staff's addresses.
        """
        if sociallogin.is_existing or municipality_code_for(sociallogin.account.provider) is None:
            return
        email = sociallogin.user.email
        existing = (
            User.objects.filter(email__iexact=email, is_active=True).first() if email else None
        )
        if existing is not None:
            sociallogin.connect(request, existing)

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        with transaction.atomic():
            user: User = super().save_user(request, sociallogin, form)
            code = municipality_code_for(sociallogin.account.provider)
            municipality = Municipality.objects.get(code=code)
            with acting_as(None):
                RoleAssignment.objects.get_or_create(
                    user=user, role=Role.CONTACT, municipality=municipality, consortium=None
                )
        return user


def login_choices() -> list[dict[str, str]]:
    """The providers shown on the login page, with their login addresses."""
    return [
        {
            "name": provider["name"],
            "login_url": reverse("openid_connect_login", kwargs={"provider_id": provider["id"]}),
        }
        for provider in settings.OIDC_PROVIDERS
    ]
