"""The API: the list with search and filters, one entry, a new entry; the same rules as the
pages."""

import pytest
from django.test import Client

from navet.core.tokens import api_token_create
from navet.knowledge.models import Entry

pytestmark = pytest.mark.django_db


def _client(user) -> tuple[Client, dict[str, str]]:
    return Client(), {"Authorization": f"Bearer {api_token_create(user=user)}"}


def test_list_and_get_with_filters(cast, entry):
    client, headers = _client(cast.viewer)
    listed = client.get("/api/v1/knowledge?q=e-tjänster&theme=digital-inkludering", headers=headers)
    assert [e["title"] for e in listed.json()["items"]] == [entry.title]
    assert client.get("/api/v1/knowledge?kind=template", headers=headers).json()["items"] == []
    one = client.get(f"/api/v1/knowledge/{entry.pk}", headers=headers).json()
    assert one["owner"] == "0191"
    assert one["themes"] == ["digital-inkludering"]
    assert one["reused_by"] == []


def test_another_consortium_gets_404(cast, entry):
    client, headers = _client(cast.sodertorn_coordinator)
    response = client.get(f"/api/v1/knowledge/{entry.pk}", headers=headers)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_create_by_a_contact_and_refused_for_a_viewer(cast, norrort):
    payload = {
        "consortium": "koordination-norrort",
        "owner": "0160",
        "kind": "lesson",
        "title": "Lärdom",
        "themes": ["sprak"],
        "links": ["https://example.se/"],
    }
    client, headers = _client(cast.contact)
    response = client.post(
        "/api/v1/knowledge", payload, content_type="application/json", headers=headers
    )
    assert response.status_code == 201, response.content
    assert response.json()["links"] == ["https://example.se/"]
    client, headers = _client(cast.viewer)
    refused = client.post(
        "/api/v1/knowledge", payload, content_type="application/json", headers=headers
    )
    assert refused.status_code == 403
    assert Entry.objects.count() == 1
