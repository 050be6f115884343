"""The API of a project's preparation and the portfolio's filters: the same rules as the pages,
every write refused for those who may not, refusals as Swedish problem documents."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from navet.core.tokens import api_token_create
from navet.projects.models import NeedsAnalysisItem, PartnerConfirmation, Project
from tests.factories import ProjectFactory
from tests.projects.conftest import PDF, complete_needs_analysis

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user)}"})


def _put(client: Client, path: str, body: dict):
    return client.put(path, json.dumps(body), content_type="application/json")


def test_the_list_takes_the_portfolios_filters_and_gives_the_repaid_amount(
    cast, norrort, idea, sigtuna
):
    old = ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        title="Samhällsorientering 2024",
        status="finished",
        starts_on=date(2024, 2, 1),
        ends_on=date(2025, 1, 31),
        granted_sek=800_000,
        repaid_sek=50_000,
    )
    client = _api(cast.viewer)
    past = client.get("/api/v1/projects?phase=past").json()["items"]
    assert [p["id"] for p in past] == [old.pk]
    assert past[0]["repaid_sek"] == 50_000
    assert [p["id"] for p in client.get("/api/v1/projects?year=2024").json()["items"]] == [old.pk]
    assert [p["id"] for p in client.get("/api/v1/projects?phase=future").json()["items"]] == [
        idea.pk
    ]
    assert client.get("/api/v1/projects?funder=ingen-sadan").json()["items"] == []
    assert client.get("/api/v1/projects?year=abc").status_code == 422
    assert client.get("/api/v1/projects?phase=sometime").status_code == 422


def test_the_checklist_is_read_and_written(cast, idea):
    complete_needs_analysis(idea, leave=5)
    items = _api(cast.viewer).get(f"/api/v1/projects/{idea.pk}/needs-analysis").json()
    assert [i["item"] for i in items][:2] == ["study_visits", "environment_scan"]
    assert [i["done"] for i in items] == [True, False, False, False, False, False]
    assert items[0]["label"] == "Studiebesök"
    response = _put(
        _api(cast.contact),
        f"/api/v1/projects/{idea.pk}/needs-analysis/interviews",
        {"done": True, "notes": "Intervjuer på alla nivåer."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["done"] is True
    assert NeedsAnalysisItem.objects.get(project=idea, kind="interviews").notes.startswith(
        "Intervjuer"
    )
    unknown = _put(
        _api(cast.contact), f"/api/v1/projects/{idea.pk}/needs-analysis/other", {"done": True}
    )
    assert unknown.status_code == 422


@pytest.mark.parametrize(
    "who", ["steering", "viewer", "admin", "solna_contact", "sodertorn_coordinator"]
)
def test_others_may_not_write_the_checklist(cast, idea, who):
    response = _put(
        _api(getattr(cast, who)),
        f"/api/v1/projects/{idea.pk}/needs-analysis/interviews",
        {"done": True, "notes": ""},
    )
    assert response.status_code in (403, 404)
    assert response["Content-Type"] == "application/problem+json"
    assert not NeedsAnalysisItem.objects.exists()


def test_the_checklist_holds_the_decision_back_with_a_swedish_problem(cast, idea):
    idea.status = Project.Status.NEEDS_ANALYSIS
    idea.save()
    response = _api(cast.coordinator).post(
        f"/api/v1/projects/{idea.pk}/transitions",
        json.dumps({"to": "decision"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "behovsanalysen" in response.json()["detail"]


def _sign(client: Client, project: Project, code: str, **changes):
    data = {
        "signed_by_name": "Britt-Marie Ekström",
        "signed_by_title": "socialdirektör",
        "signed_on": "2026-11-02",
        "board_decision_reference": "Socialnämnden 2026-10-20 § 7",
        "file": SimpleUploadedFile("blankett.pdf", PDF),
        **changes,
    }
    return client.post(f"/api/v1/projects/{project.pk}/confirmations/{code}/signature", data)


def test_confirmations_are_asked_for_signed_and_waived(cast, group):
    coordinator = _api(cast.coordinator)
    listed = _api(cast.viewer).get(f"/api/v1/projects/{group.pk}/confirmations").json()
    assert [(c["municipality"], c["state"]) for c in listed] == [
        ("0191", "not_requested"),
        ("0184", "not_requested"),
    ]
    asked = coordinator.post(f"/api/v1/projects/{group.pk}/confirmations/0184/request")
    assert asked.status_code == 200, asked.content
    assert asked.json()["state"] == "requested"
    signed = _sign(_api(cast.solna_contact), group, "0184")
    assert signed.status_code == 200, signed.content
    assert signed.json()["signed_by_title"] == "socialdirektör"
    assert signed.json()["state"] == "signed"
    move = coordinator.post(
        f"/api/v1/projects/{group.pk}/transitions",
        json.dumps({"to": "submitted"}),
        content_type="application/json",
    )
    assert move.status_code == 422
    assert "samverkansblankett" in move.json()["detail"]
    waived = _put(
        coordinator,
        f"/api/v1/projects/{group.pk}/confirmations/waiver",
        {"reason": "Sigtunas nämnd sammanträder efter sista ansökningsdag."},
    )
    assert waived.status_code == 200
    assert waived.json()["confirmations_waiver_reason"].startswith("Sigtunas nämnd")
    move = coordinator.post(
        f"/api/v1/projects/{group.pk}/transitions",
        json.dumps({"to": "submitted"}),
        content_type="application/json",
    )
    assert move.status_code == 200


def test_a_bad_signature_is_a_swedish_problem_and_stores_nothing(cast, group):
    client = _api(cast.coordinator)
    wrong = _sign(client, group, "0184", file=SimpleUploadedFile("blankett.pdf", b"text"))
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert "stämmer inte" in wrong.json()["detail"]
    future = _sign(client, group, "0184", signed_on="2099-01-01")
    assert future.status_code == 400
    owner = client.post(f"/api/v1/projects/{group.pk}/confirmations/0160/request")
    assert owner.status_code == 404
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize("who", ["contact", "steering", "viewer", "admin", "outsider"])
def test_others_may_not_sign_for_solna(cast, group, who):
    response = _sign(_api(getattr(cast, who)), group, "0184")
    assert response.status_code in (403, 404)
    assert not PartnerConfirmation.objects.exists()


@pytest.mark.parametrize(
    "who", ["contact", "solna_contact", "steering", "viewer", "admin", "sodertorn_coordinator"]
)
def test_only_coordinators_ask_and_waive(cast, group, who):
    client = _api(getattr(cast, who))
    asked = client.post(f"/api/v1/projects/{group.pk}/confirmations/0184/request")
    waived = _put(client, f"/api/v1/projects/{group.pk}/confirmations/waiver", {"reason": "x"})
    assert asked.status_code in (403, 404)
    assert waived.status_code in (403, 404)
    assert not PartnerConfirmation.objects.exists()
    assert Project.objects.get(pk=group.pk).confirmations_waiver_reason == ""
