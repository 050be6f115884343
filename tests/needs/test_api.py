"""The needs API: the same rules as the pages, problem documents for refusals."""

import pytest

from navet.core.tokens import api_token_create
from navet.demo.content import DEMO_DRAFT
from navet.needs.models import Need

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def _need(external_id: str) -> Need:
    return Need.objects.get(external_id=external_id)


def test_needs_are_listed_as_the_user_may_see_them(client, cast, needs) -> None:
    viewer = client.get("/api/v1/needs", **bearer(cast.viewer)).json()["items"]
    assert len(viewer) == 4
    contact = client.get("/api/v1/needs", **bearer(cast.contact)).json()["items"]
    assert DEMO_DRAFT in [n["external_id"] for n in contact]
    assert client.get("/api/v1/needs", **bearer(cast.sodertorn_coordinator)).json()["items"] == []


def test_filters_as_on_the_page(client, cast, needs) -> None:
    headers = bearer(cast.viewer)
    body = client.get("/api/v1/needs?municipality=0191&priority=2", **headers).json()["items"]
    assert [n["external_id"] for n in body] == ["demo-n-0191-102"]
    body = client.get("/api/v1/needs?theme=hbtqi", **headers).json()["items"]
    assert [n["municipality_name"] for n in body] == ["Täby"]
    assert client.get("/api/v1/needs?status=nonsens", **headers).status_code == 422


def test_one_need_with_its_endorsements(client, cast, needs) -> None:
    need = _need("demo-n-0184-101")
    body = client.get(f"/api/v1/needs/{need.pk}", **bearer(cast.steering)).json()
    assert body["municipality"] == "0184"
    assert body["themes"] == ["kompetens-personal", "psykisk-halsa"]
    assert body["estimated_cost_sek"] == 600_000
    assert [e["municipality"] for e in body["endorsements"]] == ["0183", "0186", "0160"]
    assert body["endorsement_count"] == 3


def test_a_draft_is_not_found_for_others(client, cast, needs) -> None:
    draft = _need(DEMO_DRAFT)
    response = client.get(f"/api/v1/needs/{draft.pk}", **bearer(cast.viewer))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(f"/api/v1/needs/{draft.pk}", **bearer(cast.contact)).status_code == 200


def test_a_contact_creates_a_need(client, cast, county) -> None:
    response = client.post(
        "/api/v1/needs",
        {
            "municipality": "0160",
            "title": "Läxhjälp",
            "themes": ["utbildning"],
            "priority": 1,
            "raised_in": "survey",
            "cofinancing_capacity_percent": 12.5,
            "status": "draft",
        },
        content_type="application/json",
        **bearer(cast.contact),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["external_id"] == "n-0160-001"
    assert body["status"] == "draft"
    assert body["cofinancing_capacity_percent"] == "12.50"
    assert body["endorsements"] == []


@pytest.mark.parametrize("role", ["viewer", "steering", "solna_contact", "admin"])
def test_others_may_not_create_taby_needs(client, cast, county, role) -> None:
    response = client.post(
        "/api/v1/needs",
        {"municipality": "0160", "title": "X"},
        content_type="application/json",
        **bearer(getattr(cast, role)),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Need.objects.exists()


def test_unknown_themes_and_municipalities_are_problems(client, cast, county) -> None:
    headers = bearer(cast.contact)
    unknown_theme = client.post(
        "/api/v1/needs",
        {"municipality": "0160", "title": "X", "themes": ["okant"]},
        content_type="application/json",
        **headers,
    )
    assert unknown_theme.status_code == 400
    assert "okant" in unknown_theme.json()["detail"]
    no_such = client.post(
        "/api/v1/needs",
        {"municipality": "0999", "title": "X"},
        content_type="application/json",
        **headers,
    )
    assert no_such.status_code == 404


def test_patch_changes_only_what_is_sent(client, cast, needs) -> None:
    need = _need("demo-n-0160-101")
    response = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"priority": 1, "status": "in_project"},
        content_type="application/json",
        **bearer(cast.contact),
    )
    assert response.status_code == 200
    need.refresh_from_db()
    assert (need.priority, need.status) == (1, Need.Status.IN_PROJECT)
    assert need.title == "HBTQI+-perspektiv i mottagandet av nyanlända"
    assert sorted(need.themes.values_list("slug", flat=True)) == ["hbtqi", "psykisk-halsa"]


def test_patch_is_refused_for_others(client, cast, needs) -> None:
    need = _need("demo-n-0160-101")
    response = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"title": "Kapad"},
        content_type="application/json",
        **bearer(cast.solna_contact),
    )
    assert response.status_code == 403
    assert _need("demo-n-0160-101").title.startswith("HBTQI+")


def test_endorse_and_withdraw(client, cast, needs) -> None:
    need = _need("demo-n-0191-101")
    headers = bearer(cast.solna_contact)
    url = f"/api/v1/needs/{need.pk}/endorsements"
    created = client.post(url, {"comment": "Vi också"}, content_type="application/json", **headers)
    assert created.status_code == 201
    assert created.json()["municipality"] == "0184"
    twice = client.post(url, {}, content_type="application/json", **headers)
    assert twice.status_code == 400
    refused = client.delete(f"{url}/0184", **bearer(cast.steering))
    assert refused.status_code == 403
    assert client.delete(f"{url}/0184", **headers).status_code == 204
    assert client.delete(f"{url}/0184", **headers).status_code == 404
    assert not need.endorsements.filter(municipality__code="0184").exists()


@pytest.mark.parametrize("role", ["contact", "viewer", "coordinator"])
def test_who_may_not_endorse_through_the_api(client, cast, needs, role) -> None:
    need = _need("demo-n-0160-101")
    response = client.post(
        f"/api/v1/needs/{need.pk}/endorsements",
        {},
        content_type="application/json",
        **bearer(getattr(cast, role)),
    )
    assert response.status_code == 403
    assert need.endorsements.count() == 2


@pytest.mark.parametrize(
    "payload",
    [
        {"municipality": "0160", "title": "X", "priority": True},
        {"municipality": "0160", "title": "X", "priority": 4},
        {"municipality": "160", "title": "X"},
        {"municipality": "0160", "title": "X", "cofinancing_capacity_percent": 101},
        {"municipality": "0160", "title": "X", "estimated_cost_sek": -1},
        {"municipality": "0160", "title": "X", "status": "met"},
    ],
)
def test_invalid_values_are_422_problems(client, cast, county, payload) -> None:
    response = client.post(
        "/api/v1/needs", payload, content_type="application/json", **bearer(cast.contact)
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert not Need.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/needs?municipality=01%0091", "/api/v1/calls?theme=%00"])
def test_a_query_string_with_a_nul_character_is_refused_as_invalid(client, cast, path) -> None:
    """PostgreSQL cannot compare text holding NUL; the API answers 422 instead of failing."""
    response = client.get(path, **bearer(cast.viewer))
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
