import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from navet.core.models import User
from navet.organisations.models import Role, RoleAssignment
from navet.organisations.oidc import MunicipalityLoginAdapter
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TABY_IDP = {
    "id": "taby",
    "name": "Täby kommun",
    "municipality": "0160",
    "client_id": "navet",
    "secret": "hemligt",
    "server_url": "https://login.example.se/taby/v2.0",
}


@pytest.fixture
def taby_idp(settings) -> None:
    settings.OIDC_PROVIDERS = [TABY_IDP]
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "taby",
                    "name": TABY_IDP["name"],
                    "client_id": TABY_IDP["client_id"],
                    "secret": TABY_IDP["secret"],
                    "settings": {"server_url": TABY_IDP["server_url"]},
                }
            ]
        }
    }


def _log_in(client: Client, username: str, password: str):
    return client.post("/logga-in/", {"username": username, "password": password})


def test_a_user_logs_in_with_a_password_and_reaches_the_dashboard(cast) -> None:
    client = Client()
    response = _log_in(client, "samordnare", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_shows_an_error_and_no_session(cast) -> None:
    client = Client()
    response = _log_in(client, "samordnare", "fel")
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert client.get("/").status_code == 302


def test_login_attempts_are_throttled(cast, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "samordnare", "fel")

    response = _log_in(client, "samordnare", PASSWORD)

    assert response.status_code == 429
    assert b"<h1>" in response.content
    assert client.get("/").status_code == 302


def test_throttling_one_user_does_not_lock_out_another(cast, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "samordnare", "fel")
    assert _log_in(client, "politiker", PASSWORD).status_code == 302


def test_many_user_names_from_one_address_lock_out_the_address(cast, settings) -> None:
    """48 wrong passwords over 12 user names, each below its own limit, stop the address."""
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    users = [UserFactory(username=f"mal{index}") for index in range(12)]
    for user in users:
        for _ in range(4):
            _log_in(attacker, user.username, "fel")
    assert settings.AXES_FAILURE_LIMIT > 4

    response = _log_in(attacker, "samordnare", PASSWORD)

    assert response.status_code == 429
    assert "från din adress" in response.content.decode()
    assert attacker.get("/").status_code == 302
    # The same account from another address is not affected.
    assert _log_in(Client(REMOTE_ADDR="198.51.100.7"), "samordnare", PASSWORD).status_code == 302


def test_a_successful_login_does_not_clear_its_addresss_failures(cast, settings) -> None:
    settings.NAVET_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for username in ("mal1", "mal2", "mal3"):
        _log_in(attacker, username, "fel")
    assert _log_in(Client(REMOTE_ADDR="203.0.113.9"), "politiker", PASSWORD).status_code == 302
    for username in ("mal4", "mal5", "mal6"):
        _log_in(attacker, username, "fel")

    assert _log_in(attacker, "samordnare", PASSWORD).status_code == 429


def test_logout_needs_post_and_ends_the_session(cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    assert client.get("/logga-ut/").status_code == 405
    assert client.post("/logga-ut/").status_code == 302
    assert client.get("/").status_code == 302


def test_the_login_page_offers_each_municipalitys_identity_provider(client, settings) -> None:
    settings.OIDC_PROVIDERS = [TABY_IDP]
    content = client.get("/logga-in/").content.decode()
    assert "Täby kommun" in content
    assert 'action="/accounts/oidc/taby/login/"' in content


def _sociallogin(provider: str, uid: str) -> SocialLogin:
    user = User(username=f"oidc-{uid}", email=f"{uid}@taby.se", first_name="Lina")
    return SocialLogin(user=user, account=SocialAccount(provider=provider, uid=uid))


def test_a_first_oidc_login_becomes_a_contact_of_the_providers_municipality(
    county, settings
) -> None:
    settings.OIDC_PROVIDERS = [TABY_IDP]
    adapter = MunicipalityLoginAdapter()
    request = RequestFactory().get("/")
    request.session = SessionStore()
    sociallogin = _sociallogin("taby", "abc-123")

    assert adapter.is_open_for_signup(request, sociallogin)
    user = adapter.save_user(request, sociallogin)

    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.municipality.code) == (Role.CONTACT, "0160")
    assert not user.has_usable_password()


def test_an_unknown_identity_provider_cannot_sign_anyone_up(county, settings) -> None:
    settings.OIDC_PROVIDERS = [TABY_IDP]
    adapter = MunicipalityLoginAdapter()
    assert not adapter.is_open_for_signup(RequestFactory().get("/"), _sociallogin("okand", "x"))


def test_a_first_oidc_login_connects_to_the_account_made_for_that_address(cast, taby_idp) -> None:
    cast.contact.email = "Amira.Hassan@taby.se"
    cast.contact.save()
    request = RequestFactory().get("/")
    request.session = SessionStore()
    sociallogin = _sociallogin("taby", "entra-object-id")
    sociallogin.user.email = "amira.hassan@taby.se"

    MunicipalityLoginAdapter().pre_social_login(request, sociallogin)

    assert SocialAccount.objects.get(uid="entra-object-id").user == cast.contact


def test_allauths_password_pages_are_not_exposed(client) -> None:
    assert client.get("/accounts/password/reset/").status_code == 404
    # Sign-up only continues a pending login from a municipality's provider.
    assert client.get("/accounts/signup/")["Location"] == "/accounts/login/"
    response = client.get("/accounts/login/?next=/kommuner/")
    assert response["Location"] == "/logga-in/?next=/kommuner/"


def test_the_oidc_error_page_is_navets_own(client) -> None:
    response = client.get("/accounts/login/error/")
    assert response.status_code == 401
    assert b'class="skip-link"' in response.content
