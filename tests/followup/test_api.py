"""The follow-up API: the same rules as the pages, and problem documents in Swedish."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.core.tokens import api_token_create
from navet.followup import services
from navet.followup.models import BudgetLine, Expenditure, Intervention
from navet.organisations.models import Municipality


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


BUDGET = {
    "municipality": None,
    "amounts": [
        {"category": "staff", "year": 2025, "amount_sek": 200_000},
        {"category": "indirect", "year": 2025, "amount_sek": 50_000},
    ],
}


def test_the_owner_s_contact_sets_the_budget_and_reads_the_rules(client, cast, project) -> None:
    url = f"/api/v1/projects/{project.pk}/budget"
    response = client.put(url, BUDGET, content_type="application/json", **bearer(cast.contact))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total_sek"] == 250_000
    assert body["cofinancing_sek"] == 62_500
    assert [(x["category"], x["amount_sek"]) for x in body["lines"]] == [
        ("staff", 200_000),
        ("indirect", 50_000),
    ]
    assert "högst 30\u00a0000\u00a0kr är tillåtet" in body["problems"][0]
    assert client.get(url, **bearer(cast.viewer)).json()["total_sek"] == 250_000


def test_refusals_are_problem_documents(client, cast, project) -> None:
    url = f"/api/v1/projects/{project.pk}/budget"
    refused = client.put(url, BUDGET, content_type="application/json", **bearer(cast.viewer))
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    hidden = client.get(url, **bearer(cast.sodertorn_coordinator))
    assert hidden.status_code == 404
    outside = client.put(
        url,
        {**BUDGET, "municipality": "0191"},
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert outside.status_code == 400
    assert not BudgetLine.objects.exists()


def test_expenditures_and_the_follow_up(client, cast, project) -> None:
    client.put(
        f"/api/v1/projects/{project.pk}/budget",
        BUDGET,
        content_type="application/json",
        **bearer(cast.contact),
    )
    line = BudgetLine.objects.get(category="staff")
    url = f"/api/v1/projects/{project.pk}/expenditures"
    new = {"budget_line": line.pk, "spent_on": "2025-03-31", "amount": "12500.50"}
    created = client.post(url, new, content_type="application/json", **bearer(cast.contact))
    assert created.status_code == 201, created.content
    refused = client.post(url, new, content_type="application/json", **bearer(cast.solna_contact))
    assert refused.status_code == 403
    assert Expenditure.objects.count() == 1
    listing = client.get(url, **bearer(cast.viewer)).json()["items"]
    assert listing[0]["amount"] in ("12500.50", 12500.5)
    followup = client.get(f"/api/v1/projects/{project.pk}/followup", **bearer(cast.viewer))
    assert followup.status_code == 200
    body = followup.json()
    assert body["budget_sek"] == 250_000
    assert body["periods"][0]["quarter"] == "2025 kv1"
    # The period is over: the forecast is what was spent, the rest of the grant is at risk.
    assert body["forecast_sek"] == 12_501
    assert body["at_risk_sek"] == 600_000 - 9_376  # 75 % of the costs are the funder's


@pytest.mark.parametrize("who", ["contact", "viewer", "solna_contact"])
def test_only_coordinators_record_interventions(client, cast, project, who) -> None:
    url = f"/api/v1/projects/{project.pk}/interventions"
    payload = {"occurred_on": "2025-04-11", "reason": "Underförbrukning", "action": "Möte"}
    refused = client.post(
        url, payload, content_type="application/json", **bearer(getattr(cast, who))
    )
    assert refused.status_code == 403
    assert not Intervention.objects.exists()
    created = client.post(url, payload, content_type="application/json", **bearer(cast.coordinator))
    assert created.status_code == 201
    assert created.json()["recorded_by"] == "samordnare"
    assert client.get(url, **bearer(cast.viewer)).json()["items"][0]["reason"] == "Underförbrukning"


def test_a_ledger_export_is_imported_through_the_api(client, cast, project) -> None:
    services.budget_set(
        actor=cast.contact,
        project=project,
        municipality=None,
        amounts={("staff", 2025): 300_000, ("services", 2025): 30_000, ("travel", 2025): 5_000},
    )
    services.ledger_mapping_set(
        actor=cast.contact,
        project=project,
        municipality=Municipality.objects.get(code="0160"),
        accounts={"5": "staff", "46": "services", "73": "travel"},
        date_column="Bokföringsdatum",
        amount_column="Belopp SEK",
        account_column="Konto",
        text_column="Benämning",
        reference_column="Verifikationsnummer",
    )
    content = (Path(__file__).parent.parent / "data" / "ledger_taby_bom.csv").read_bytes()
    url = f"/api/v1/projects/{project.pk}/ledger-imports"

    def upload(user):
        file = SimpleUploadedFile("taby.csv", content, content_type="text/csv")
        return client.post(url, {"municipality": "0160", "file": file}, **bearer(user))

    for user in (cast.viewer, cast.solna_contact, cast.steering):
        assert upload(user).status_code == 403
    assert upload(cast.sodertorn_coordinator).status_code == 404
    assert not Expenditure.objects.exists()
    imported = upload(cast.contact)
    assert imported.status_code == 201, imported.content
    assert (imported.json()["rows"], imported.json()["already_there"]) == (6, 0)
    again = upload(cast.contact).json()
    assert (again["rows"], again["already_there"]) == (0, 6)
    assert (
        client.get(f"/api/v1/projects/{project.pk}/expenditures", **bearer(cast.viewer)).json()[
            "count"
        ]
        == 6
    )
