"""A request larger than Navet takes gets a Swedish answer with 413, never Django's error page or
a server error: a page's form gets a page, the API a problem document. (A CSV field too long for
the CSV reader: tests/core/test_spreadsheets.py; a meeting title with a line break:
tests/decisions/test_invitation_title.py.)"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from navet.core.tokens import api_token_create
from navet.needs.models import Need

pytestmark = pytest.mark.django_db

TOO_LARGE = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_a_too_large_json_body_is_a_413_problem_document_in_swedish(client, cast, county) -> None:
    body = '{"municipality": "0160", "title": "Läxhjälp", "description": "' + "a" * TOO_LARGE
    response = client.post(
        "/api/v1/needs",
        body + '"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.contact)}",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["title"]) == (413, "För stor begäran")
    assert "5 MB" in problem["detail"]
    assert not Need.objects.exists()


@pytest.mark.parametrize("content_type", ["urlencoded", "multipart"])
def test_a_too_large_form_post_is_a_swedish_page_with_413(client, cast, county, content_type):
    client.force_login(cast.contact)
    data = {"municipality": "0160", "title": "Läxhjälp", "description": "a" * TOO_LARGE}
    if content_type == "urlencoded":
        response = client.post(
            reverse("needs:need-create"),
            urlencode(data),
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.post(reverse("needs:need-create"), data)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Formuläret är för stort" in text
    assert "5 MB" in text
    assert "Traceback" not in text
    assert not Need.objects.exists()


def test_a_too_large_form_to_the_api_is_a_problem_document_too(client, cast, county) -> None:
    response = client.post(
        "/api/v1/needs",
        {"municipality": "0160", "title": "Läxhjälp", "description": "a" * TOO_LARGE},
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.contact)}",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "För stor begäran"
    assert not Need.objects.exists()
