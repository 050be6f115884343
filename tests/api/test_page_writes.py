"""Writes the pages have, through the API: the agreement itself and the ledger import's columns.
The same services as the pages, the same refusals, problem documents in Swedish."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from navet.core.tokens import api_token_create
from navet.decisions.models import Agreement
from navet.followup import services
from navet.followup.models import Expenditure, LedgerMapping
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LEDGER = Path(__file__).parent.parent / "data" / "ledger_taby_bom.csv"


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def put(client, url: str, payload: dict, user):
    return client.put(url, payload, content_type="application/json", **bearer(user))


# --- the agreement ----------------------------------------------------------------------------

AGREEMENT = "/api/v1/consortia/koordination-norrort/agreement"
PAYLOAD = {
    "title": "Samverkansöverenskommelse 2026–2030",
    "vision": "Alla nyanlända i Norrort är i arbete eller studier inom två år.",
    "reference": "KS 2026/114",
    "adopted_on": "2026-03-12",
}


def test_a_coordinator_writes_the_agreement_and_changes_it(client, cast) -> None:
    created = put(client, AGREEMENT, PAYLOAD, cast.coordinator)

    assert created.status_code == 200, created.content
    assert created.json()["reference"] == "KS 2026/114"
    assert created.json()["goals"] == []
    changed = put(client, AGREEMENT, {**PAYLOAD, "vision": "Ny vision"}, cast.coordinator)
    assert changed.json()["vision"] == "Ny vision"
    agreement = Agreement.objects.get()
    assert (agreement.vision, agreement.adopted_on) == ("Ny vision", date(2026, 3, 12))
    assert client.get(AGREEMENT, **bearer(cast.viewer)).json()["title"] == PAYLOAD["title"]


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "admin"])
def test_only_the_coordinators_write_the_agreement(client, cast, role: str) -> None:
    refused = put(client, AGREEMENT, PAYLOAD, getattr(cast, role))

    assert refused.status_code in {403, 404}
    assert refused["Content-Type"] == "application/problem+json"
    assert not Agreement.objects.exists()


def test_another_consortiums_coordinator_does_not_learn_the_consortium_exists(client, cast) -> None:
    hidden = put(client, AGREEMENT, PAYLOAD, cast.sodertorn_coordinator)
    missing = put(client, "/api/v1/consortia/finns-inte/agreement", PAYLOAD, cast.coordinator)

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["title"] == missing.json()["title"]
    assert not Agreement.objects.exists()


def test_an_agreement_without_a_vision_is_refused_in_swedish(client, cast) -> None:
    refused = put(client, AGREEMENT, {**PAYLOAD, "vision": ""}, cast.coordinator)

    assert refused.status_code == 422
    assert refused.json()["title"] == "Ogiltiga värden"
    assert refused.json()["detail"] == "body.payload.vision: minst 1 tecken"
    assert not Agreement.objects.exists()


# --- the ledger's columns ---------------------------------------------------------------------

MAPPING = {
    "municipality": "0160",
    "date_column": "Bokföringsdatum",
    "amount_column": "Belopp SEK",
    "account_column": "Konto",
    "text_column": "Benämning",
    "reference_column": "Verifikationsnummer",
    "accounts": {"5": "staff", "46": "services", "73": "travel"},
}


@pytest.fixture
def project(cast) -> Project:
    """A running project of Täby with Solna taking part, with a budget for 2025."""
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),
        participants=[Municipality.objects.get(code="0184")],
        status=Project.Status.RUNNING,
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 6, 30),
        granted_sek=600_000,
    )
    services.budget_set(
        actor=cast.contact,
        project=project,
        municipality=None,
        amounts={("staff", 2025): 300_000, ("services", 2025): 30_000, ("travel", 2025): 5_000},
    )
    return project


def test_a_contact_chooses_the_ledgers_columns_and_then_imports_it(client, cast, project) -> None:
    url = f"/api/v1/projects/{project.pk}"
    upload = {"municipality": "0160", "file": SimpleUploadedFile("taby.csv", LEDGER.read_bytes())}
    before = client.post(f"{url}/ledger-imports", upload, **bearer(cast.contact))
    assert before.status_code == 400
    assert "Välj först hur" in before.json()["detail"]

    chosen = put(client, f"{url}/ledger-mapping", MAPPING, cast.contact)

    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["accounts"] == MAPPING["accounts"]
    assert LedgerMapping.objects.get().updated_by == cast.contact
    upload["file"] = SimpleUploadedFile("taby.csv", LEDGER.read_bytes())
    imported = client.post(f"{url}/ledger-imports", upload, **bearer(cast.contact))
    assert imported.status_code == 201, imported.content
    assert imported.json()["rows"] == Expenditure.objects.count() == 6


@pytest.mark.parametrize("role", ["viewer", "steering", "solna_contact", "sodertorn_coordinator"])
def test_others_may_not_choose_a_municipalitys_columns(client, cast, project, role) -> None:
    refused = put(
        client, f"/api/v1/projects/{project.pk}/ledger-mapping", MAPPING, getattr(cast, role)
    )

    # Södertörn's coordinator does not see the project at all.
    assert refused.status_code == (404 if role == "sodertorn_coordinator" else 403)
    assert refused["Content-Type"] == "application/problem+json"
    assert not LedgerMapping.objects.exists()


def test_the_columns_of_a_municipality_outside_the_project_are_not_set(
    client, cast, project
) -> None:
    # Huddinge belongs to Etablering Södertörn: Norrort's coordinator may not set how its
    # ledger is read through a project of Norrort.
    refused = put(
        client,
        f"/api/v1/projects/{project.pk}/ledger-mapping",
        {**MAPPING, "municipality": "0126"},
        cast.coordinator,
    )

    assert refused.status_code == 400
    assert refused.json()["detail"] == "Huddinge deltar inte i projektet."
    assert not LedgerMapping.objects.exists()


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"accounts": {}}, "body.payload.accounts: minst 1 del"),
        (
            {"accounts": {"5": "lunch"}},
            "body.payload.accounts.5: inget av värdena som schemat anger",
        ),
        (
            {"accounts": {"femma": "staff"}},
            "body.payload.accounts.femma.[key]: inte skrivet på det sätt fältet tar",
        ),
        ({"date_column": ""}, "body.payload.date_column: minst 1 tecken"),
        ({"amount_column": None}, "body.payload.amount_column: ingen text"),
    ],
)
def test_a_mapping_that_cannot_be_read_is_refused_in_swedish(
    client, cast, project, change: dict, detail: str
) -> None:
    refused = put(
        client, f"/api/v1/projects/{project.pk}/ledger-mapping", {**MAPPING, **change}, cast.contact
    )

    assert refused.status_code == 422
    assert refused.json()["title"] == "Ogiltiga värden"
    assert refused.json()["detail"] == detail
    assert not LedgerMapping.objects.exists()
