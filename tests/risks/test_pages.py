"""The risk pages: the register's matrix and list in a bounded number of queries, the form, a
risk with its history, the project's risks, the SWOT board, the `.xlsx` export read back – and a
refusal for every write."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from navet.risks.models import Risk, SwotItem
from navet.risks.services import risk_create, risk_update

RISK_FORM = {
    "title": "Olika eller höga förväntningar på resursen",
    "likelihood": "medium",
    "consequence": "more_serious",
    "measures": "Fastställ resursens arbetsroll.",
    "status": "open",
    "review_on": "",
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_register_shows_the_matrix_and_the_list_in_constant_queries(
    cast, norrort, consensus, idea, django_assert_num_queries
) -> None:
    client = client_for(cast.viewer)
    with django_assert_num_queries(9):
        response = client.get("/risker/")
    assert response.status_code == 200
    cells = response.context["matrix"]
    assert cells[0][2].count == 1  # high likelihood, very serious consequences
    assert (cells[0][2].level, cells[0][2].level_label) == ("high", "Hög risk")
    assert "Svårt att samverka och nå konsensus" in response.text
    assert '<table class="risk-matrix">' in response.text
    for n in range(5):
        risk_create(
            actor=cast.coordinator,
            project=idea,
            owner=cast.contact,
            title=f"Risk {n}",
            likelihood="low",
            consequence="serious",
        )
    with django_assert_num_queries(9):
        response = client.get("/risker/")
    assert [r.severity for r in response.context["risks"]][:2] == [9, 1]


def test_the_register_filters_by_project_status_and_cell(cast, consensus, idea) -> None:
    risk_create(
        actor=cast.contact,
        project=idea,
        owner=cast.contact,
        title="Projektets risk",
        likelihood="low",
        consequence="serious",
    )
    client = client_for(cast.coordinator)
    only = client.get("/risker/", {"samverkan": "koordination-norrort", "projekt": "samverkan"})
    assert [r.title for r in only.context["risks"]] == [consensus.title]
    project = client.get("/risker/", {"projekt": str(idea.pk)})
    assert [r.title for r in project.context["risks"]] == ["Projektets risk"]
    cell = client.get("/risker/", {"sannolikhet": "high", "konsekvens": "very_serious"})
    assert [r.title for r in cell.context["risks"]] == [consensus.title]
    risk_update(actor=cast.coordinator, risk=consensus, status="closed")
    assert len(client.get("/risker/").context["risks"]) == 1
    assert len(client.get("/risker/", {"status": "alla"}).context["risks"]) == 2


def test_another_consortiums_register_is_not_found(cast, consensus) -> None:
    client = client_for(cast.sodertorn_coordinator)
    assert client.get("/risker/", {"samverkan": "koordination-norrort"}).status_code == 404
    assert client.get(f"/risker/{consensus.pk}/").status_code == 404
    assert client_for(cast.outsider).get("/risker/").context["consortium"] is None


def test_overdue_reviews_warn_the_owner(cast, consensus) -> None:
    risk_update(
        actor=cast.coordinator,
        risk=consensus,
        review_on=timezone.localdate() - timedelta(days=3),
    )
    mine = client_for(cast.coordinator).get("/risker/")
    assert [r.pk for r in mine.context["overdue"]] == [consensus.pk]
    assert "risk-warning" in mine.text
    assert client_for(cast.viewer).get("/risker/").context["overdue"] == []


def test_a_coordinator_registers_a_consortium_risk_on_the_form(cast, norrort) -> None:
    client = client_for(cast.coordinator)
    assert client.get("/risker/ny/").status_code == 200
    response = client.post("/risker/ny/", {**RISK_FORM, "owner": cast.steering.pk})
    risk = Risk.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/risker/{risk.pk}/"
    assert (risk.consortium, risk.owner, risk.severity) == (norrort, cast.steering, 6)
    page = client.get(f"/risker/{risk.pk}/")
    assert "Förebyggande åtgärder" in page.text
    assert page.context["history"]


@pytest.mark.parametrize("who", ["steering", "contact", "viewer"])
def test_members_may_not_register_or_edit_consortium_risks(cast, consensus, who) -> None:
    client = client_for(getattr(cast, who))
    assert client.get("/risker/ny/").status_code == 403
    assert (
        client.post("/risker/ny/", {**RISK_FORM, "owner": cast.coordinator.pk}).status_code == 403
    )
    assert client.post(f"/risker/{consensus.pk}/andra/", RISK_FORM).status_code == 403
    assert Risk.objects.count() == 1


def test_the_owners_contact_adds_a_risk_to_the_idea_from_its_page(
    cast, idea, django_assert_num_queries
) -> None:
    client = client_for(cast.contact)
    assert f'hx-get="/projekt/{idea.pk}/risker/"' in client.get(f"/projekt/{idea.pk}/").text
    response = client.post(
        f"/risker/ny/?projekt={idea.pk}", {**RISK_FORM, "owner": cast.contact.pk}
    )
    assert response.status_code == 302
    second = {**RISK_FORM, "owner": cast.contact.pk, "title": "En risk till"}
    client.post(f"/risker/ny/?projekt={idea.pk}", second)
    with django_assert_num_queries(10):
        partial = client.get(f"/projekt/{idea.pk}/risker/", headers={"HX-Request": "true"})
    assert "<html" not in partial.text
    assert RISK_FORM["title"] in partial.text
    assert f"/risker/ny/?projekt={idea.pk}" in partial.text


def test_others_may_not_add_a_risk_to_the_project(cast, idea) -> None:
    client = client_for(cast.solna_contact)
    assert client.get(f"/risker/ny/?projekt={idea.pk}").status_code == 403
    response = client.post(
        f"/risker/ny/?projekt={idea.pk}", {**RISK_FORM, "owner": cast.contact.pk}
    )
    assert response.status_code == 403
    assert f"/risker/ny/?projekt={idea.pk}" not in client.get(f"/projekt/{idea.pk}/risker/").text


def test_the_export_reads_back_with_swedish_headers(cast, consensus, idea) -> None:
    risk_create(
        actor=cast.contact,
        project=idea,
        owner=cast.contact,
        title="Projektets risk",
        likelihood="medium",
        consequence="more_serious",
        review_on=timezone.localdate(),
    )
    response = client_for(cast.viewer).get("/risker/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Risk", "Gäller", "Beskrivning", "Sannolikhet (Låg – Medel – Hög)")
    assert "Förebyggande åtgärder" in rows[0]
    assert "Uppföljningsdatum" in rows[0]
    assert rows[1][0] == "Svårt att samverka och nå konsensus"
    assert rows[1][3:7] == ("Hög", "Mycket allvarliga", "Hög risk", 9)
    assert rows[2][1] == "Projekt: Läxhjälp"
    assert rows[2][-1].date() == timezone.localdate()


def test_the_swot_board_is_read_by_all_and_kept_by_the_coordinator(
    cast, norrort, django_assert_num_queries
) -> None:
    SwotItem.objects.create(consortium=norrort, quadrant="threat", text="Svårt att nå konsensus")
    viewer = client_for(cast.viewer)
    with django_assert_num_queries(7):
        page = viewer.get("/risker/swot/")
    assert "Svårt att nå konsensus" in page.text
    assert page.context["form"] is None
    coordinator = client_for(cast.coordinator)
    added = coordinator.post(
        "/risker/swot/ny/?samverkan=koordination-norrort",
        {"quadrant": "strength", "text": "Kunskapsutbyte"},
    )
    assert added.status_code == 302
    item = SwotItem.objects.get(text="Kunskapsutbyte")
    coordinator.post(f"/risker/swot/{item.pk}/andra/", {"quadrant": "opportunity", "text": "Ny"})
    item.refresh_from_db()
    assert (item.quadrant, item.text) == ("opportunity", "Ny")
    coordinator.post(f"/risker/swot/{item.pk}/ta-bort/")
    assert not SwotItem.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "sodertorn_coordinator"])
def test_others_may_not_edit_the_swot_board(cast, norrort, who) -> None:
    item = SwotItem.objects.create(consortium=norrort, quadrant="threat", text="Hot")
    client = client_for(getattr(cast, who))
    added = client.post(
        "/risker/swot/ny/?samverkan=koordination-norrort", {"quadrant": "threat", "text": "X"}
    )
    assert added.status_code in (403, 404)
    assert client.post(
        f"/risker/swot/{item.pk}/andra/", {"quadrant": "threat", "text": "Y"}
    ).status_code in (403, 404)
    assert client.post(f"/risker/swot/{item.pk}/ta-bort/").status_code in (403, 404)
    assert list(SwotItem.objects.values_list("text", flat=True)) == ["Hot"]


def test_the_navigation_shows_risks_to_users_with_a_role(cast) -> None:
    assert 'href="/risker/"' in client_for(cast.viewer).get("/").text
    assert 'href="/risker/"' not in client_for(cast.outsider).get("/").text
