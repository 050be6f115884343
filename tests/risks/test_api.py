"""The risks API: the same rules as the pages, and problem documents in Swedish."""

import pytest

from navet.core.tokens import api_token_create
from navet.risks.models import Risk, SwotItem


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


NEW = {
    "consortium": "koordination-norrort",
    "title": "Brist på interna resurser inom kommunerna",
    "likelihood": "high",
    "consequence": "serious",
    "owner": "samordnare",
}


def test_members_list_and_read_risks(client, cast, consensus) -> None:
    listing = client.get("/api/v1/risks", **bearer(cast.viewer)).json()["items"]
    assert [(r["title"], r["severity"], r["level"]) for r in listing] == [
        ("Svårt att samverka och nå konsensus", 9, "high")
    ]
    one = client.get(f"/api/v1/risks/{consensus.pk}", **bearer(cast.contact)).json()
    assert one["consortium"] == "koordination-norrort"
    hidden = client.get(f"/api/v1/risks/{consensus.pk}", **bearer(cast.sodertorn_coordinator))
    assert hidden.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"


def test_a_coordinator_registers_and_changes_a_risk(client, cast) -> None:
    created = client.post(
        "/api/v1/risks", NEW, content_type="application/json", **bearer(cast.coordinator)
    )
    assert created.status_code == 201, created.content
    risk_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/risks/{risk_id}",
        {"likelihood": "low", "owner": "politiker"},
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["severity"], changed.json()["owner"]) == (1, "politiker")


def test_a_project_risk_through_the_api(client, cast, idea) -> None:
    body = {**NEW, "consortium": None, "project": idea.pk, "owner": "kontakt.taby"}
    created = client.post(
        "/api/v1/risks", body, content_type="application/json", **bearer(cast.contact)
    )
    assert created.status_code == 201, created.content
    assert created.json()["project"] == idea.pk
    both = {**body, "consortium": "koordination-norrort"}
    refused = client.post(
        "/api/v1/risks", both, content_type="application/json", **bearer(cast.contact)
    )
    assert refused.status_code == 400


@pytest.mark.parametrize("who", ["steering", "contact", "viewer"])
def test_members_may_not_write_consortium_risks(client, cast, consensus, who) -> None:
    created = client.post(
        "/api/v1/risks", NEW, content_type="application/json", **bearer(getattr(cast, who))
    )
    assert created.status_code == 403
    changed = client.patch(
        f"/api/v1/risks/{consensus.pk}",
        {"status": "closed"},
        content_type="application/json",
        **bearer(getattr(cast, who)),
    )
    assert changed.status_code == 403
    assert Risk.objects.get().status == "open"


def test_the_swot_board_through_the_api(client, cast, norrort) -> None:
    SwotItem.objects.create(consortium=norrort, quadrant="threat", text="Svårt att nå konsensus")
    body = client.get("/api/v1/swot", **bearer(cast.viewer)).json()
    assert body["threats"][0]["text"] == "Svårt att nå konsensus"
    assert body["strengths"] == []
    assert client.get("/api/v1/swot", **bearer(cast.outsider)).status_code == 404
