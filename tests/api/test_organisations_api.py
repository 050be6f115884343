import pytest
from django.test import Client

from navet.core.tokens import api_token_create

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_without_credentials_the_api_answers_401_as_a_problem_document(client, county) -> None:
    response = client.get("/api/v1/municipalities")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_a_wrong_token_is_refused(client, county) -> None:
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer navet_fel")
    assert response.status_code == 401


def test_a_token_of_an_inactive_user_is_refused(client, cast) -> None:
    headers = bearer(cast.viewer)
    cast.viewer.is_active = False
    cast.viewer.save()
    assert client.get("/api/v1/me", **headers).status_code == 401


def test_me_with_a_token(client, cast) -> None:
    response = client.get("/api/v1/me", **bearer(cast.steering))
    assert response.status_code == 200
    assert response.json()["roles"] == [
        {"role": "steering", "consortium": "koordination-norrort", "municipality": "0191"}
    ]


def test_municipalities_are_listed_in_swedish_order_with_borders(client, cast) -> None:
    response = client.get("/api/v1/municipalities", **bearer(cast.contact))
    body = response.json()["items"]
    names = [m["name"] for m in body]
    assert len(body) == 26
    assert names[-4:] == ["Vallentuna", "Vaxholm", "Värmdö", "Österåker"]
    sollentuna = next(m for m in body if m["code"] == "0163")
    assert "0184" in sollentuna["neighbours"]
    assert sollentuna["consortia"] == ["koordination-norrort", "stockholms-lan"]


def test_one_municipality_and_a_missing_one(client, cast) -> None:
    headers = bearer(cast.viewer)
    assert client.get("/api/v1/municipalities/0160", **headers).json()["population"] == 77744
    missing = client.get("/api/v1/municipalities/9999", **headers)
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_consortia_are_scoped_like_the_pages(client, cast) -> None:
    headers = bearer(cast.coordinator)
    slugs = [c["slug"] for c in client.get("/api/v1/consortia", **headers).json()["items"]]
    assert slugs == ["koordination-norrort"]
    assert client.get("/api/v1/consortia/etablering-sodertorn", **headers).status_code == 404
    norrort = client.get("/api/v1/consortia/koordination-norrort", **headers).json()
    assert len(norrort["members"]) == 15


def test_a_user_without_roles_sees_no_consortia(client, cast) -> None:
    assert client.get("/api/v1/consortia", **bearer(cast.outsider)).json()["items"] == []


def test_session_auth_works_for_the_browser(cast) -> None:
    client = Client()
    client.force_login(cast.admin)
    assert len(client.get("/api/v1/consortia").json()["items"]) == 3


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_organisation_api_is_read_only(client, cast, method) -> None:
    response = getattr(client, method)(
        "/api/v1/consortia/koordination-norrort", **bearer(cast.admin)
    )
    assert response.status_code == 405
