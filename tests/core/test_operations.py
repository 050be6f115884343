"""The operator's view: health check, CLI commands, production mode."""

import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from navet.core.models import ApiToken, hash_token
from navet.demo.content import DEMO_DRAFT
from navet.matching.models import Match
from navet.needs.models import Endorsement, Need
from navet.organisations.models import Municipality, RoleAssignment


@pytest.mark.django_db
def test_healthz_answers_200_with_json_when_the_database_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "tasks": "ok"},
        "waiting": 0,
        "failed": 0,
    }


@pytest.mark.django_db
def test_token_command_prints_a_token_that_works(cast) -> None:
    out = StringIO()
    call_command("token", "politiker", stdout=out)
    raw = out.getvalue().strip()

    assert ApiToken.objects.filter(user=cast.viewer, digest=hash_token(raw)).exists()
    assert not ApiToken.objects.filter(digest=raw).exists()  # only the digest is stored
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.json()["username"] == "politiker"


@pytest.mark.django_db
def test_token_command_refuses_an_unknown_user() -> None:
    with pytest.raises(CommandError, match="ingen aktiv användare"):
        call_command("token", "finns.inte")


@pytest.mark.django_db
def test_seed_demo_creates_one_login_per_role_and_is_idempotent() -> None:
    call_command("seed", "demo", stdout=StringIO())
    call_command("seed", "demo", stdout=StringIO())
    roles = set(RoleAssignment.objects.values_list("user__username", "role"))
    assert roles >= {
        ("samordnare", "coordinator"),
        ("styrgrupp.sigtuna", "steering"),
        ("kontakt.taby", "contact"),
        ("kontakt.solna", "contact"),
        ("politiker", "viewer"),
        ("admin", "admin"),
    }
    # every member of Koordination Norrort has its representative, once, so motions can pass
    seats = RoleAssignment.objects.filter(role="steering", consortium__slug="koordination-norrort")
    assert seats.count() == 15
    assert set(seats.values_list("municipality__code", flat=True)) == set(
        Municipality.objects.filter(
            memberships__consortium__slug="koordination-norrort"
        ).values_list("code", flat=True)
    )
    assert ("styrgrupp.upplands-vasby", "steering") in roles
    assert {role for _, role in roles} == {"coordinator", "steering", "contact", "viewer", "admin"}
    needs = Need.objects.order_by("external_id")
    assert [n.municipality.code for n in needs] == ["0160", "0160", "0184", "0191", "0191"]
    assert needs.get(external_id=DEMO_DRAFT).status == Need.Status.DRAFT
    assert Endorsement.objects.count() == 9
    # the needs taken up by the demo's projects are in a project and suggest no calls any more;
    # the open ones do, and the call for non-profits is never one
    digital = needs.get(external_id="demo-n-0191-101")
    assert digital.status == Need.Status.IN_PROJECT
    assert not Match.objects.filter(need=digital).exists()
    early = Match.objects.filter(need__external_id="demo-n-0191-102").order_by("rank")
    assert early.first().call.external_id.startswith("demo-lst-stockholm-tia")
    # Solna's need is answered by the joint project the steering group decided
    assert needs.get(external_id="demo-n-0184-101").status == Need.Status.IN_PROJECT
    assert not Match.objects.filter(call__external_id__startswith="demo-mucf").exists()


@pytest.mark.django_db
def test_seed_demo_is_refused_in_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="produktionsläge"):
        call_command("seed", "demo")


def _navet(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `navet` in a fresh process, so that settings are read from this environment."""
    removed = ("SECRET_KEY", "DATABASE_URL", "NAVET_BASE_URL")
    inherited = {k: v for k, v in os.environ.items() if k not in removed}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**inherited, "DJANGO_SETTINGS_MODULE": "navet.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_mode_passes_the_deploy_check() -> None:
    result = _navet(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        NAVET_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="navet.example.se",
        NAVET_BASE_URL="https://navet.example.se",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_demands_a_secret_key() -> None:
    result = _navet("check", NAVET_PRODUCTION="1", ALLOWED_HOSTS="navet.example.se")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_mode_demands_the_public_address_for_links_in_e_mail() -> None:
    result = _navet(
        "check",
        NAVET_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="navet.example.se",
    )
    assert result.returncode != 0
    assert "NAVET_BASE_URL" in result.stderr
