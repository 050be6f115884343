"""The applications API: reads, a save with its version, the 409 conflict, refusals."""

import json

import pytest

from navet.applications import services
from tests.applications.conftest import client_for, section

pytestmark = pytest.mark.django_db


def put(client, path, body):
    return client.put(path, json.dumps(body), content_type="application/json")


def test_list_and_read(cast, application):
    client = client_for(cast.viewer)
    listed = client.get("/api/v1/applications").json()
    assert [a["id"] for a in listed] == [application.pk]
    assert listed[0]["template"] == "Länsstyrelsen, § 37"
    assert client.get(f"/api/v1/applications?project={application.project_id}").json() == listed
    one = client.get(f"/api/v1/applications/{application.pk}").json()
    assert [s["key"] for s in one["sections"]][:3] == ["purpose", "goals", "target_group"]
    assert one["score"] == 6  # the deadline: 1 of 16 items
    purpose = client.get(f"/api/v1/applications/{application.pk}/sections/purpose").json()
    assert purpose["heading"] == "Syfte"
    assert purpose["version"] == 0


def test_save_and_conflict(cast, sigtuna_contact, application):
    path = f"/api/v1/applications/{application.pk}/sections/purpose"
    saved = put(client_for(cast.contact), path, {"text": "Täby.", "based_on": 0})
    assert saved.status_code == 200
    assert saved.json()["version"] == 1
    conflict = put(client_for(sigtuna_contact), path, {"text": "Sigtuna.", "based_on": 0})
    assert conflict.status_code == 409
    assert conflict["Content-Type"] == "application/problem+json"
    body = conflict.json()
    assert (body["current_version"], body["current_text"], body["your_text"]) == (
        1,
        "Täby.",
        "Sigtuna.",
    )
    assert section(application, "purpose").text == "Täby."


def test_refusals(cast, application):
    path = f"/api/v1/applications/{application.pk}/sections/purpose"
    for user in (cast.viewer, cast.steering, cast.solna_contact):
        assert put(client_for(user), path, {"text": "x", "based_on": 0}).status_code == 403
    other = client_for(cast.sodertorn_coordinator)
    assert put(other, path, {"text": "x", "based_on": 0}).status_code == 404
    assert other.get(f"/api/v1/applications/{application.pk}").status_code == 404
    assert other.get("/api/v1/applications").json() == []
    assert section(application, "purpose").version == 0
    services.section_save(
        actor=cast.contact, section=section(application, "purpose"), text="ok", based_on=0
    )
    bad = put(client_for(cast.contact), path, {"text": "x", "based_on": -1})
    assert bad.status_code == 422
