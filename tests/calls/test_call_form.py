import re

import pytest
from django.test import Client

from navet.calls.models import Call, Funder

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


FORM = {
    "title": "ESF+ A2 – aktiv inkludering, Stockholm",
    "url": "https://www.esf.se/utlysningar/a2-stockholm",
    "opens": "2026-12-01T09:00",
    "closes": "2027-03-04T15:00",
    "max_amount_sek": "20000000",
    "cofinancing_percent": "46",
    "eligible_applicants": ["kommun", "ideell"],
    "description": "Projekt för personer långt från arbetsmarknaden, med språkstöd.",
}


def test_a_coordinator_registers_a_call_found_on_a_watched_page(cast, calls) -> None:
    esf = Funder.objects.get(slug="esf-radet")
    response = client_for(cast.coordinator).post(
        "/utlysningar/ny/", {**FORM, "funder": esf.pk, "themes": ["arbete-sysselsattning"]}
    )
    call = Call.objects.get(title=FORM["title"])
    assert response["Location"] == f"/utlysningar/{call.pk}/"
    assert call.external_id.startswith("manuell-")
    assert call.closes.hour == 14  # 15:00 in Stockholm (CET), in UTC
    assert call.eligible_applicants == ["kommun", "ideell"]
    assert call.classification == Call.Classification.CONFIRMED
    assert list(call.themes.values_list("slug", flat=True)) == ["arbete-sysselsattning"]


def test_without_themes_navet_suggests_them(cast, calls) -> None:
    client_for(cast.coordinator).post("/utlysningar/ny/", FORM)
    call = Call.objects.get(title=FORM["title"])
    assert call.classification == Call.Classification.INFERRED
    assert call.themes.exists()


def test_a_call_that_opens_after_it_closes_is_explained_and_not_saved(cast, calls) -> None:
    response = client_for(cast.coordinator).post(
        "/utlysningar/ny/", {**FORM, "opens": "2027-04-01T09:00"}
    )
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert not Call.objects.filter(title=FORM["title"]).exists()


def test_a_coordinator_corrects_a_call(cast, calls) -> None:
    call = Call.objects.get(external_id__startswith="demo-amif")
    client = client_for(cast.coordinator)
    page = client.get(f"/utlysningar/{call.pk}/andra/").content.decode()
    assert re.search(r'value="kommun"[^>]*checked', page)  # the call's applicants are shown
    assert not re.search(r'value="foretag"[^>]*checked', page)
    response = client.post(
        f"/utlysningar/{call.pk}/andra/",
        {**FORM, "title": call.title, "closes": "2027-02-15T17:00", "themes": ["sprak"]},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.closes.month == 2
    assert list(call.themes.values_list("slug", flat=True)) == ["sprak"]


@pytest.mark.parametrize("role", ["steering", "contact", "viewer"])
def test_only_coordinators_and_admins_register_calls(cast, calls, role) -> None:
    client = client_for(getattr(cast, role))
    assert client.get("/utlysningar/ny/").status_code == 403
    assert client.post("/utlysningar/ny/", FORM).status_code == 403
    assert not Call.objects.filter(title=FORM["title"]).exists()
