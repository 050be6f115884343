"""Each municipality's own decision on a joint project: the memo (tjänsteutlåtande) drafted per
participating municipality as .docx in the seeds' form, the board's decision recorded back by
the municipality's contacts or the coordinators (others refused), and shown on the project."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.decisions.models import BoardDecision
from navet.decisions.services import boards as services
from navet.organisations.models import Municipality
from tests import documents
from tests.factories import CallFactory, NeedFactory, ProjectFactory

SECTIONS = [
    "Ärendet",
    "Förslag till beslut",
    "Bakgrund",
    "Bedömning",
    "Konsekvenser för barn och unga",
    "Ekonomiska konsekvenser",
    "Handlingar i ärendet",
]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def project(cast, norrort, sigtuna, taby):
    call = CallFactory(
        title="Digital delaktighet för nyanlända",
        closes=timezone.now() + timedelta(days=20),
        cofinancing_percent=0,
    )
    need = NeedFactory(municipality=taby, title="Digital vardag för nyanlända vuxna")
    project = ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        title="Digital vardag",
        description="Handledning i e-tjänster på bibliotek.",
        call=call,
        requested_sek=2_400_000,
        needs=[need],
    )
    project.participants.add(taby)
    return project


def test_the_memo_has_the_seeds_sections_and_the_projects_facts(cast, project, taby) -> None:
    response = client_for(cast.contact).get(
        f"/beslut/projekt/{project.pk}/tjansteutlatande/{taby.pk}.docx?namnd=Socialnämnden"
    )
    assert response.status_code == 200
    assert "tjansteutlatande-taby" in response["Content-Disposition"]
    word = documents.docx_of(response.content, header="Koordination Norrort · Digital vardag")
    paragraphs = [p.text for p in word.paragraphs]
    text = "\n".join(paragraphs)
    headings = [s for s in SECTIONS if s in paragraphs]
    assert headings == SECTIONS
    for fact in (
        "Tjänsteutlåtande",
        "Socialnämnden beslutar:",
        "Täby tar del i projektet Digital vardag",
        "Ärendet avser deltagande för Täby i projektet Digital vardag",
        "Sigtuna",
        "Digital delaktighet för nyanlända",
        "2\u00a0400\u00a0000\u00a0kr",
        "ingen medfinansiering",
        "Digital vardag för nyanlända vuxna",
        "Socialnämnden beslutar att paragrafen justeras omedelbart",
    ):
        assert fact in text, fact


def test_no_memo_for_a_municipality_outside_the_project_or_for_other_consortia(
    cast, project
) -> None:
    solna = Municipality.objects.get(code="0184")
    client = client_for(cast.coordinator)
    assert (
        client.get(f"/beslut/projekt/{project.pk}/tjansteutlatande/{solna.pk}.docx").status_code
        == 404
    )
    other = client_for(cast.sodertorn_coordinator)
    assert other.get(f"/beslut/projekt/{project.pk}/namnder/").status_code == 404


def test_the_contact_records_the_boards_decision_shown_on_the_project(cast, project, taby) -> None:
    client = client_for(cast.contact)
    response = client.post(
        f"/beslut/projekt/{project.pk}/namndbeslut/{taby.pk}/",
        {
            "body": "Socialnämnden",
            "decided_on": "2026-09-04",
            "paragraph": "§ 45",
            "reference": "SN 2026/112",
            "outcome": "approved",
            "adjusted_immediately": "on",
        },
    )
    assert response.status_code == 302
    decision = BoardDecision.objects.get()
    assert (decision.body, decision.paragraph, decision.adjusted_immediately) == (
        "Socialnämnden",
        "§ 45",
        True,
    )
    page = client.get(f"/beslut/projekt/{project.pk}/namnder/", headers={"HX-Request": "true"})
    body = page.content.decode()
    assert "<html" not in body
    assert "Bifall" in body
    assert "§ 45" in body
    assert "justeras omedelbart" in body
    detail = client.get(f"/projekt/{project.pk}/").content.decode()
    assert f"/beslut/projekt/{project.pk}/namnder/" in detail


def test_a_later_decision_replaces_the_first(cast, project, taby) -> None:
    for outcome in ("referred_back", "approved"):
        services.board_decision_record(
            actor=cast.coordinator,
            project=project,
            municipality=taby,
            body="Socialnämnden",
            decided_on=date(2026, 9, 4),
            outcome=outcome,
        )
    assert list(BoardDecision.objects.values_list("outcome", flat=True)) == ["approved"]


def test_others_may_not_record_a_municipalitys_decision(cast, project, sigtuna, taby) -> None:
    for actor, municipality in (
        (cast.contact, sigtuna),  # Täby's contact, for Sigtuna
        (cast.solna_contact, taby),
        (cast.viewer, taby),
        (cast.steering, taby),
        (cast.sodertorn_coordinator, taby),
    ):
        with pytest.raises(PermissionDenied):
            services.board_decision_record(
                actor=actor,
                project=project,
                municipality=municipality,
                body="Socialnämnden",
                decided_on=date(2026, 9, 4),
                outcome="approved",
            )
    refused = client_for(cast.viewer).post(
        f"/beslut/projekt/{project.pk}/namndbeslut/{taby.pk}/",
        {"body": "x", "decided_on": "2026-09-04", "outcome": "approved"},
    )
    assert refused.status_code == 403
    assert not BoardDecision.objects.exists()


def test_only_participants_have_a_decision(cast, project) -> None:
    with pytest.raises(DomainError):
        services.board_decision_record(
            actor=cast.coordinator,
            project=project,
            municipality=Municipality.objects.get(code="0184"),
            body="Socialnämnden",
            decided_on=date(2026, 9, 4),
            outcome="approved",
        )
