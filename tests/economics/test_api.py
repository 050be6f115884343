"""The economics API: the scenario for a consortium's members and the evaluation of a year."""

from datetime import date

import pytest

from navet.core.tokens import api_token_create
from navet.economics.models import ResourceCost
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_the_study_s_scenario_for_norrort(client, cast) -> None:
    response = client.get(
        "/api/v1/economics/scenario",
        {
            "consortium": "koordination-norrort",
            "cost_sek": 700_000,
            "grants_sek": 1_000_000,
            "admin_share_percent": 20,
        },
        **bearer(cast.viewer),
    )
    body = response.json()
    assert response.status_code == 200
    assert body["admin_funded_sek"] == 200_000
    assert body["totals"] == {"cost_sek": 500_000, "grants_sek": 800_000, "net_sek": 300_000}
    assert {m["net_sek"] for m in body["municipalities"]} == {20_000}
    assert body["municipalities"][0]["municipality"] == "Danderyd"


def test_another_consortium_is_not_found(client, cast) -> None:
    response = client.get(
        "/api/v1/economics/scenario",
        {"consortium": "etablering-sodertorn", "cost_sek": 1, "grants_sek": 0},
        **bearer(cast.coordinator),
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_no_role_no_economics(client, cast) -> None:
    response = client.get(
        "/api/v1/economics/evaluation",
        {"consortium": "koordination-norrort", "year": 2026},
        **bearer(cast.outsider),
    )
    assert response.status_code == 403


def test_the_evaluation(client, cast, norrort, taby) -> None:
    ProjectFactory(
        consortium=norrort,
        owner=taby,
        status="granted",
        requested_sek=200_000,
        granted_sek=150_000,
        starts_on=date(2026, 3, 1),
    )
    ResourceCost.objects.create(consortium=norrort, year=2026, cost_sek=150_000, key="population")
    body = client.get(
        "/api/v1/economics/evaluation",
        {"consortium": "koordination-norrort", "year": 2026},
        **bearer(cast.steering),
    ).json()
    taby_row = next(m for m in body["municipalities"] if m["code"] == "0160")
    assert taby_row["granted_sek"] == 150_000
    assert taby_row["used_sek"] is None
    assert body["totals"]["cost_sek"] == 150_000
    assert body["totals"]["net_sek"] == 0
    assert body["totals"]["leverage"] == 1.0
    assert body["key"] == "population"
