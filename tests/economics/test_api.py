"""The economics API: the scenario for a consortium's members and the evaluation of a year."""

from datetime import date

import pytest

from navet.core.tokens import api_token_create
from navet.economics.models import ResourceCost, TimeEntry
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
    assert response.status_code == 404  # a consortium one may not see is not found


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
    assert taby_row["used_sek"] == 0  # no expenditures recorded yet
    assert body["totals"]["cost_sek"] == 150_000
    assert body["totals"]["net_sek"] == 0
    assert body["totals"]["leverage"] == 1.0
    assert body["key"] == "population"


def _time(client, user, **fields):
    body = {
        "consortium": "koordination-norrort",
        "municipality": "0160",
        "worked_on": "2026-03-02",
        "hours": "1.5",
        **fields,
    }
    return client.post(
        "/api/v1/economics/time", body, content_type="application/json", **bearer(user)
    )


def test_a_coordinator_logs_lists_and_removes_time(client, cast, norrort, taby) -> None:
    project = ProjectFactory(consortium=norrort, owner=taby)
    created = _time(client, cast.coordinator, project=project.pk, note="Budget")
    assert created.status_code == 201
    entry = created.json()
    assert (entry["municipality"], entry["hours"], entry["project"]) == ("0160", 1.5, project.pk)

    listed = client.get(
        "/api/v1/economics/time",
        {"consortium": "koordination-norrort", "year": 2026},
        **bearer(cast.viewer),
    )
    assert [e["id"] for e in listed.json()["items"]] == [entry["id"]]

    assert (
        client.delete(f"/api/v1/economics/time/{entry['id']}", **bearer(cast.viewer)).status_code
        == 403
    )
    assert (
        client.delete(
            f"/api/v1/economics/time/{entry['id']}", **bearer(cast.sodertorn_coordinator)
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"/api/v1/economics/time/{entry['id']}", **bearer(cast.coordinator)
        ).status_code
        == 204
    )
    assert not TimeEntry.objects.exists()


def test_time_is_refused_to_others_and_outside_the_rules(client, cast) -> None:
    assert _time(client, cast.contact).status_code == 403
    assert _time(client, cast.sodertorn_coordinator).status_code == 404
    refused = _time(client, cast.coordinator, municipality="0126")  # Huddinge, not a member
    assert refused.status_code == 400
    assert "Huddinge är inte medlem i Koordination Norrort" in refused.json()["detail"]
    assert _time(client, cast.coordinator, hours="30").status_code == 422
    assert _time(client, cast.coordinator, municipality="9999").status_code == 404
    assert not TimeEntry.objects.exists()
