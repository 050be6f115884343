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
    listed = client.get("/api/v1/applications").json()["items"]
    assert [a["id"] for a in listed] == [application.pk]
    assert listed[0]["template"] == "Länsstyrelsen, § 37"
    assert (
        client.get(f"/api/v1/applications?project={application.project_id}").json()["items"]
        == listed
    )
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
    assert other.get("/api/v1/applications").json()["items"] == []
    assert section(application, "purpose").version == 0
    services.section_save(
        actor=cast.contact, section=section(application, "purpose"), text="ok", based_on=0
    )
    bad = put(client_for(cast.contact), path, {"text": "x", "based_on": -1})
    assert bad.status_code == 422


def post(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_comments_on_a_section_are_added_listed_and_resolved(cast, application):
    path = f"/api/v1/applications/{application.pk}/sections/purpose/comments"
    added = post(client_for(cast.coordinator), path, {"text": "Skriv tydligare syfte."})
    assert added.status_code == 201, added.content
    comment = added.json()
    assert (comment["author"], comment["resolved"]) == ("samordnare", False)
    listed = client_for(cast.viewer).get(path).json()
    assert (listed["count"], listed["items"][0]["text"]) == (1, "Skriv tydligare syfte.")
    resolution = f"/api/v1/comments/{comment['id']}/resolution"
    resolved = put(client_for(cast.contact), resolution, {"resolved": True})
    assert resolved.status_code == 200
    assert resolved.json()["resolved"] is True
    for user in (cast.viewer, cast.steering, cast.solna_contact):
        assert post(client_for(user), path, {"text": "Nej"}).status_code == 403
        assert put(client_for(user), resolution, {"resolved": False}).status_code == 403
    other = client_for(cast.sodertorn_coordinator)
    assert post(other, path, {"text": "Nej"}).status_code == 404
    assert put(other, resolution, {"resolved": False}).status_code == 404
    assert section(application, "purpose").comments.count() == 1
    assert section(application, "purpose").comments.get().resolved_at is not None


def test_a_review_is_requested_by_a_writer_and_decided_by_a_coordinator(cast, application):
    request_path = f"/api/v1/applications/{application.pk}/review-request"
    review_path = f"/api/v1/applications/{application.pk}/review"
    for user in (cast.viewer, cast.steering, cast.solna_contact):
        assert post(client_for(user), request_path).status_code == 403
    asked = post(client_for(cast.contact), request_path)
    assert asked.status_code == 200, asked.content
    assert asked.json()["review_status"] == "review_requested"
    assert post(client_for(cast.contact), request_path).status_code == 400  # already asked
    for user in (cast.contact, cast.viewer, cast.steering):
        assert post(client_for(user), review_path, {"approve": True}).status_code == 403
    assert (
        post(client_for(cast.sodertorn_coordinator), review_path, {"approve": True}).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.review_status == "review_requested"
    decided = post(client_for(cast.coordinator), review_path, {"approve": False})
    assert decided.status_code == 200
    assert decided.json()["review_status"] == "changes_requested"
