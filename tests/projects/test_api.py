"""The API: the same rules as the pages, refusals as Swedish problem documents."""

import json

import pytest
from django.test import Client

from navet.core.tokens import api_token_create
from navet.projects.models import Project
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user)}"})


def _post(client: Client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_list_and_get_follow_the_consortium(cast, idea):
    listed = _api(cast.viewer).get("/api/v1/projects").json()["items"]
    assert [p["id"] for p in listed] == [idea.pk]
    assert listed[0]["owner"] == "0160"
    one = _api(cast.steering).get(f"/api/v1/projects/{idea.pk}").json()
    assert one["needs"] == [n.pk for n in idea.needs.all()]
    assert _api(cast.sodertorn_coordinator).get("/api/v1/projects").json()["items"] == []
    missing = _api(cast.sodertorn_coordinator).get(f"/api/v1/projects/{idea.pk}")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_a_contact_creates_an_idea(cast, taby_need):
    call = CallFactory()
    response = _post(
        _api(cast.contact),
        "/api/v1/projects",
        {
            "consortium": "koordination-norrort",
            "title": "Språkstöd",
            "owner": "0160",
            "participants": ["0191"],
            "needs": [taby_need.pk],
            "call": call.pk,
            "requested_sek": 500000,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["scope"], body["call"]) == ("idea", "group", call.pk)
    assert body["participants"] == ["0160", "0191"]


@pytest.mark.parametrize("who", ["viewer", "steering", "solna_contact", "admin"])
def test_others_are_refused_creating(cast, taby_need, who):
    response = _post(
        _api(getattr(cast, who)),
        "/api/v1/projects",
        {
            "consortium": "koordination-norrort",
            "title": "x",
            "owner": "0160",
            "needs": [taby_need.pk],
        },
    )
    assert response.status_code in (403, 404)
    assert response["Content-Type"] == "application/problem+json"
    assert not Project.objects.exists()


def test_an_idea_without_needs_is_invalid(cast):
    response = _post(
        _api(cast.coordinator),
        "/api/v1/projects",
        {"consortium": "koordination-norrort", "title": "x", "owner": "0160", "needs": []},
    )
    assert response.status_code == 422


def test_transitions_answer_403_and_422_with_swedish_problems(cast, idea):
    path = f"/api/v1/projects/{idea.pk}/transitions"
    refused = _post(_api(cast.contact), path, {"to": "decision"})
    assert refused.status_code == 403
    assert refused.json()["title"] == "Inte tillåtet"
    not_a_move = _post(_api(cast.coordinator), path, {"to": "granted"})
    assert not_a_move.status_code == 422
    assert not_a_move["Content-Type"] == "application/problem+json"
    assert not_a_move.json()["title"] == "Statusbytet är inte tillåtet"
    moved = _post(_api(cast.contact), path, {"to": "needs_analysis"})
    assert moved.status_code == 200
    assert moved.json()["status"] == "needs_analysis"
    unknown = _post(_api(cast.coordinator), path, {"to": "somewhere"})
    assert unknown.status_code == 422
    assert Project.objects.get(pk=idea.pk).status == "needs_analysis"


@pytest.mark.parametrize("who", ["viewer", "steering", "admin", "sodertorn_coordinator"])
def test_others_are_refused_moving(cast, idea, who):
    response = _post(
        _api(getattr(cast, who)),
        f"/api/v1/projects/{idea.pk}/transitions",
        {"to": "needs_analysis"},
    )
    assert response.status_code in (403, 404)
    assert Project.objects.get(pk=idea.pk).status == "idea"
