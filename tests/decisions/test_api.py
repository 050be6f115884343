"""The motions API: the same rules as the pages, and problem documents in Swedish."""

from datetime import timedelta

import pytest
from django.utils import timezone

from navet.core.tokens import api_token_create
from navet.decisions.models import Motion, Vote
from tests.factories import MotionFactory


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_members_list_and_read_motions(client, cast, motion) -> None:
    listing = client.get("/api/v1/motions", **bearer(cast.viewer)).json()["items"]
    assert [m["number"] for m in listing] == [motion.number]
    assert listing[0]["entitled"] == 15
    body = client.get(f"/api/v1/motions/{motion.pk}", **bearer(cast.viewer)).json()
    assert body["result"]["not_voted"] == 15
    assert len(body["votes"]) == 15
    assert client.get("/api/v1/motions", **bearer(cast.sodertorn_coordinator)).json()["items"] == []
    hidden = client.get(f"/api/v1/motions/{motion.pk}", **bearer(cast.sodertorn_coordinator))
    assert hidden.status_code == 404
    assert hidden["Content-Type"] == "application/problem+json"


def test_a_representative_votes_through_the_api(client, cast, motion) -> None:
    response = client.post(
        f"/api/v1/motions/{motion.pk}/votes",
        {"municipality": "0191", "choice": "yes"},
        content_type="application/json",
        **bearer(cast.steering),
    )
    assert response.status_code == 200, response.content
    sigtuna = next(v for v in response.json()["votes"] if v["municipality"] == "0191")
    assert (sigtuna["choice"], sigtuna["cast_as"]) == ("yes", "representative")


@pytest.mark.parametrize("who", ["coordinator", "contact", "viewer", "admin"])
def test_others_cannot_vote_through_the_api(client, cast, motion, who) -> None:
    response = client.post(
        f"/api/v1/motions/{motion.pk}/votes",
        {"municipality": "0191", "choice": "yes"},
        content_type="application/json",
        **bearer(getattr(cast, who)),
    )
    assert response.status_code == 403
    assert response.json()["title"] == "Inte tillåtet"
    assert not Vote.objects.exclude(choice="").exists()


def test_a_vote_after_close_answers_409(client, cast, norrort) -> None:
    now = timezone.now()
    motion = MotionFactory(
        consortium=norrort, opens_at=now - timedelta(days=3), closes_at=now - timedelta(days=1)
    )
    response = client.post(
        f"/api/v1/motions/{motion.pk}/votes",
        {"municipality": "0191", "choice": "yes"},
        content_type="application/json",
        **bearer(cast.steering),
    )
    assert response.status_code == 409
    assert response.json()["title"] == "Röstningen är inte öppen"


def test_the_coordinator_puts_and_closes_a_motion(client, cast, norrort) -> None:
    payload = {
        "consortium": "koordination-norrort",
        "title": "Ansök för alla",
        "proposal": "Att söka utlysningen.",
        "closes_at": (timezone.now() + timedelta(days=3)).isoformat(),
        "majority": "two_thirds",
    }
    created = client.post(
        "/api/v1/motions", payload, content_type="application/json", **bearer(cast.coordinator)
    )
    assert created.status_code == 201, created.content
    motion_id = created.json()["id"]
    early = client.post(f"/api/v1/motions/{motion_id}/close", **bearer(cast.coordinator))
    assert early.status_code == 400
    Vote.objects.filter(motion_id=motion_id).update(
        choice="no", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    closed = client.post(f"/api/v1/motions/{motion_id}/close", **bearer(cast.coordinator))
    assert closed.status_code == 200
    assert closed.json()["result"] | {"reasons": []} == {
        "final": True,
        "outcome": "failed",
        "yes": 0,
        "no": 15,
        "abstain": 0,
        "not_voted": 0,
        "members": 15,
        "turnout_percent": 100,
        "reasons": [],
    }


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "admin"])
def test_only_coordinators_put_and_close_through_the_api(client, cast, motion, who) -> None:
    payload = {
        "consortium": "koordination-norrort",
        "title": "X",
        "proposal": "Y",
        "closes_at": (timezone.now() + timedelta(days=3)).isoformat(),
    }
    headers = bearer(getattr(cast, who))
    created = client.post("/api/v1/motions", payload, content_type="application/json", **headers)
    assert created.status_code == 403
    assert client.post(f"/api/v1/motions/{motion.pk}/close", **headers).status_code == 403
    assert Motion.objects.count() == 1
