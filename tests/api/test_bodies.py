"""What the API says of a body it cannot take: in Swedish, as a problem document, nothing stored."""

import pytest

from navet.core.tokens import api_token_create
from navet.needs.models import Need

pytestmark = pytest.mark.django_db


def post_need(client, user, body: str):
    return client.post(
        "/api/v1/needs",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user)}",
    )


def test_a_nul_character_anywhere_in_a_body_is_refused(client, cast, county) -> None:
    # PostgreSQL cannot store it: refused before anything is read into a schema.
    body = '{"municipality": "0160", "title": "Läxhjälp", "description": "a\\u0000b"}'

    response = post_need(client, cast.contact, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL-tecken" in response.json()["detail"]
    assert not Need.objects.filter(title="Läxhjälp").exists()


def test_a_body_that_is_not_json_is_refused_in_swedish(client, cast, county) -> None:
    response = post_need(client, cast.contact, '{"municipality": "0160", "title": ')

    assert response.status_code == 400
    assert response.json()["detail"] == "Innehållet är inte giltig JSON."


def test_a_value_of_the_wrong_kind_is_refused_in_swedish(client, cast, county) -> None:
    body = '{"municipality": "0160", "title": "Läxhjälp", "priority": true}'

    response = post_need(client, cast.contact, body)

    assert response.status_code == 422
    assert response.json()["title"] == "Ogiltiga värden"
    assert "body.payload.priority: ett tal, inte true eller false" in response.json()["detail"]
    assert not Need.objects.filter(title="Läxhjälp").exists()
