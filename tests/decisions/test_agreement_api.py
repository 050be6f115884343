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


def test_coordinators_write_goals_sub_goals_and_actions(client, cast, norrort) -> None:
    subgoal = _agreement(cast, norrort)
    headers = bearer(cast.coordinator)
    base = f"/api/v1/consortia/{norrort.slug}/agreement"

    def send(method, url, body, headers=headers):
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    goal = send("post", f"{base}/goals", {"title": "Fler ansökningar", "description": "Ökning"})
    assert goal.status_code == 201, goal.content
    goal_id = goal.json()["id"]
    changed = send("put", f"/api/v1/goals/{goal_id}", {"title": "Fler gemensamma ansökningar"})
    assert changed.json()["title"] == "Fler gemensamma ansökningar"
    values = {
        "title": "Ansökningar per år",
        "indicator": "Antal",
        "baseline": "2",
        "baseline_on": "2024-01-01",
        "target": "6",
        "target_on": "2027-12-31",
    }
    added = send("post", f"/api/v1/goals/{goal_id}/subgoals", values)
    assert added.status_code == 201, added.content
    same = send("put", f"/api/v1/subgoals/{subgoal.pk}", values | {"target": "2"})
    assert same.status_code == 400  # the target must differ from the baseline
    assert "utgångsvärdet" in same.json()["detail"]
    action = {
        "area": "Ansökningar",
        "action": "Gemensam skrivstuga",
        "responsible_municipality": "0160",
    }
    created = send("post", f"{base}/actions", action)
    assert created.status_code == 201, created.content
    action_id = created.json()["id"]
    done = send("put", f"/api/v1/actions/{action_id}", action | {"status": "done"})
    assert done.json()["status"] == "done"
    outside = send(
        "put", f"/api/v1/actions/{action_id}", action | {"responsible_municipality": "0126"}
    )
    assert outside.status_code == 400  # Huddinge is no member of Norrort
    body = client.get(base, **bearer(cast.viewer)).json()
    assert [g["title"] for g in body["goals"]] == ["Mål", "Fler gemensamma ansökningar"]
    assert body["goals"][1]["subgoals"][0]["target"] == 6
    assert body["actions"][0]["status"] == "done"


def test_others_may_not_write_the_agreement(client, cast, norrort) -> None:
    subgoal = _agreement(cast, norrort)
    goal_id = subgoal.goal_id
    base = f"/api/v1/consortia/{norrort.slug}/agreement"
    writes = [
        ("post", f"{base}/goals", {"title": "Nej"}),
        ("put", f"/api/v1/goals/{goal_id}", {"title": "Nej"}),
        (
            "put",
            f"/api/v1/subgoals/{subgoal.pk}",
            {
                "title": "Nej",
                "indicator": "Nej",
                "baseline": "0",
                "baseline_on": "2024-01-01",
                "target": "1",
                "target_on": "2025-01-01",
            },
        ),
        ("post", f"{base}/actions", {"area": "Nej", "action": "Nej"}),
    ]
    for user, status in [
        (cast.viewer, 403),
        (cast.steering, 403),
        (cast.contact, 403),
        (cast.sodertorn_coordinator, 404),
    ]:
        for method, url, body in writes:
            response = getattr(client, method)(
                url, body, content_type="application/json", **bearer(user)
            )
            assert response.status_code == status, (user.username, url, response.content)
    subgoal.refresh_from_db()
    assert (subgoal.title, subgoal.goal.title) == ("Gemensamma ansökningar", "Mål")
    assert not subgoal.goal.agreement.actions.exists()
