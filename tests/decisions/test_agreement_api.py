"""The agreement's and the board decisions' API: the pages' rules, refusals as problem
documents."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from navet.core.tokens import api_token_create
from navet.decisions.models import BoardDecision, Measurement
from navet.decisions.services import agreement as services
from tests.factories import ProjectFactory


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def _agreement(cast, norrort):
    agreement = services.agreement_save(
        actor=cast.coordinator, consortium=norrort, title="Överenskommelse", vision="Vision"
    )
    goal = services.goal_save(actor=cast.coordinator, agreement=agreement, title="Mål")
    return services.subgoal_save(
        actor=cast.coordinator,
        goal=goal,
        title="Gemensamma ansökningar",
        indicator="Antal",
        baseline=Decimal(1),
        baseline_on=date(2024, 1, 1),
        target=Decimal(5),
        target_on=date(2030, 12, 31),
    )


def test_the_agreement_and_its_follow_up_are_read_by_members(client, cast, norrort) -> None:
    subgoal = _agreement(cast, norrort)
    url = f"/api/v1/consortia/{norrort.slug}/agreement"
    body = client.get(url, **bearer(cast.viewer)).json()
    assert body["goals"][0]["subgoals"][0]["id"] == subgoal.pk
    hidden = client.get(url, **bearer(cast.sodertorn_coordinator))
    assert hidden.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"
    response = client.post(
        f"/api/v1/subgoals/{subgoal.pk}/measurements",
        {"measured_on": timezone.localdate().isoformat(), "value": "3"},
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert response.status_code == 201, response.content
    followup = client.get(f"{url}/followup", **bearer(cast.viewer)).json()
    assert followup["subgoals"][0]["progress_percent"] == 50
    assert followup["subgoals"][0]["latest"] == 3


def test_only_coordinators_record_measurements(client, cast, norrort) -> None:
    subgoal = _agreement(cast, norrort)
    refused = client.post(
        f"/api/v1/subgoals/{subgoal.pk}/measurements",
        {"measured_on": "2025-01-01", "value": "3"},
        content_type="application/json",
        **bearer(cast.steering),
    )
    assert refused.status_code == 403
    assert not Measurement.objects.exists()


def test_board_decisions_through_the_api(client, cast, norrort, sigtuna, taby) -> None:
    project = ProjectFactory(consortium=norrort, owner=sigtuna)
    project.participants.add(taby)
    url = f"/api/v1/projects/{project.pk}/board-decisions"
    payload = {
        "municipality": "0160",
        "body": "Socialnämnden",
        "decided_on": "2026-09-04",
        "outcome": "approved",
        "paragraph": "§ 45",
        "adjusted_immediately": True,
    }
    refused = client.post(url, payload, content_type="application/json", **bearer(cast.viewer))
    assert refused.status_code == 403
    ok = client.post(url, payload, content_type="application/json", **bearer(cast.contact))
    assert ok.status_code == 201, ok.content
    listing = client.get(url, **bearer(cast.viewer)).json()
    assert [(d["municipality"], d["paragraph"]) for d in listing] == [("0160", "§ 45")]
    assert BoardDecision.objects.count() == 1
