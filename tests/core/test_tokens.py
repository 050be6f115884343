"""API tokens: an expiry, revoked by a new password or a closed account, the last use recorded,
and a page where users list, create and revoke their own."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from navet.core.errors import DomainError, NotFound, PermissionDenied
from navet.core.models import ApiToken, hash_token
from navet.core.tokens import api_token_create, api_token_revoke
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _me(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def _token(raw: str) -> ApiToken:
    return ApiToken.objects.get(digest=hash_token(raw))


def test_a_token_expires_after_the_configured_days(cast, settings) -> None:
    settings.NAVET_API_TOKEN_DAYS = 30
    raw = api_token_create(user=cast.viewer)
    token = _token(raw)
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert _me(raw) == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert _me(raw) == 401
    assert _token(raw).state == ApiToken.State.EXPIRED


@pytest.mark.parametrize("days", [0, 366])
def test_a_token_lives_a_day_to_a_year(cast, days: int) -> None:
    with pytest.raises(DomainError, match="1 till 365 dagar"):
        api_token_create(user=cast.viewer, days=days)
    assert not ApiToken.objects.exists()


def test_a_new_password_revokes_every_token(cast) -> None:
    first, second = api_token_create(user=cast.viewer), api_token_create(user=cast.viewer)
    other = api_token_create(user=cast.contact)

    cast.viewer.set_password("ett-helt-nytt-lösenord")
    cast.viewer.save()

    assert (_me(first), _me(second), _me(other)) == (401, 401, 200)
    assert _token(first).state == ApiToken.State.REVOKED


def test_saving_a_user_without_a_new_password_keeps_the_tokens(cast, settings) -> None:
    raw = api_token_create(user=cast.viewer)
    cast.viewer.first_name = "Kim"
    cast.viewer.save()
    # A login that rehashes the password with a newer hasher is no new password either.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    login = Client().post("/logga-in/", {"username": "politiker", "password": PASSWORD})

    assert login.status_code == 302
    cast.viewer.refresh_from_db()
    assert cast.viewer.password.startswith("scrypt$")
    assert _me(raw) == 200


def test_closing_an_account_revokes_its_tokens_for_good(cast) -> None:
    raw = api_token_create(user=cast.viewer)
    cast.viewer.is_active = False
    cast.viewer.save()
    assert _me(raw) == 401

    cast.viewer.is_active = True
    cast.viewer.save()

    assert _me(raw) == 401
    assert _token(raw).revoked_at is not None


def test_the_last_use_is_recorded_once_a_minute(cast) -> None:
    raw = api_token_create(user=cast.viewer)
    assert _token(raw).last_used_at is None

    _me(raw)
    used = _token(raw).last_used_at
    assert used is not None
    _me(raw)

    assert _token(raw).last_used_at == used
    ApiToken.objects.filter(pk=_token(raw).pk).update(last_used_at=used - timedelta(minutes=2))
    _me(raw)
    assert _token(raw).last_used_at > used


def test_a_user_revokes_only_their_own_tokens(cast) -> None:
    mine, theirs = api_token_create(user=cast.viewer), api_token_create(user=cast.contact)

    with pytest.raises(NotFound):
        api_token_revoke(actor=cast.viewer, token_id=_token(theirs).pk)
    api_token_revoke(actor=cast.viewer, token_id=_token(mine).pk)

    assert (_me(mine), _me(theirs)) == (401, 200)


def test_a_user_creates_tokens_only_for_themself(cast) -> None:
    with pytest.raises(PermissionDenied):
        api_token_create(actor=cast.viewer, user=cast.contact)
    assert not ApiToken.objects.exists()


def test_the_page_creates_a_token_shows_it_once_and_lists_it(cast) -> None:
    client = Client()
    client.force_login(cast.viewer)
    assert 'href="/api-token/"' in client.get("/").content.decode()

    created = client.post("/api-token/", {"name": "Ekonomisystemet", "days": "30"})
    assert created["Location"] == "/api-token/"
    response = client.get("/api-token/")

    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=cast.viewer)
    raw = response.context["secret"]
    assert token.digest == hash_token(raw)
    assert raw in response.content.decode()
    assert token.name == "Ekonomisystemet"
    listing = client.get("/api-token/").content.decode()
    assert "Ekonomisystemet" in listing
    assert raw not in listing
    assert _me(raw) == 200


def test_the_page_keeps_the_input_and_says_what_is_wrong(cast) -> None:
    client = Client()
    client.force_login(cast.viewer)

    response = client.post("/api-token/", {"name": "Ekonomisystemet", "days": "400"})

    assert response.status_code == 200  # shown again, as every form that was not saved
    content = response.content.decode()
    assert 'id="form-errors"' in content
    assert 'value="Ekonomisystemet"' in content
    assert "365" in content
    assert not ApiToken.objects.exists()


def test_the_page_revokes_a_token_and_another_users_is_not_found(cast) -> None:
    mine, theirs = api_token_create(user=cast.viewer), api_token_create(user=cast.contact)
    client = Client()
    client.force_login(cast.viewer)

    assert client.post(f"/api-token/{_token(theirs).pk}/aterkalla/").status_code == 404
    response = client.post(f"/api-token/{_token(mine).pk}/aterkalla/", follow=True)

    assert "Återkallad" in response.content.decode()
    assert (_me(mine), _me(theirs)) == (401, 200)
    assert client.get(f"/api-token/{_token(mine).pk}/aterkalla/").status_code == 405


def test_the_page_needs_a_login(client) -> None:
    assert client.get("/api-token/")["Location"].startswith("/logga-in/")


def test_the_command_states_the_expiry_and_takes_days_and_a_name(cast) -> None:
    out, err = StringIO(), StringIO()
    call_command("token", "politiker", "--days", "7", "--name", "Skript", stdout=out, stderr=err)

    token = _token(out.getvalue().strip())
    assert token.name == "Skript"
    assert f"Gäller till {timezone.localtime(token.expires_at):%Y-%m-%d}" in err.getvalue()
    with pytest.raises(CommandError, match="1 till 365"):
        call_command("token", "politiker", "--days", "0", stdout=StringIO())
