"""The scenario page, a consortium's evaluation, the yearly cost, and who may see what."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.test import Client

from navet.economics.models import ResourceCost
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sek(amount: str) -> str:
    return amount.replace(" ", NBSP) + f"{NBSP}kr"


def test_the_scenario_page_opens_with_the_study_s_example(cast) -> None:
    response = _client(cast.viewer).get("/ekonomi/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<tr>") == 1 + 15 + 1  # header, municipalities, totals
    assert _sek("33 333") in text
    assert _sek("53 334") in text
    assert _sek("500 000") in text
    assert _sek("300 000") in text
    assert "<svg" in text
    assert text.count("<rect") == 15


def test_swedish_amounts_and_a_consortium_s_members_by_population(cast) -> None:
    query = (
        "?cost_sek=700+000+kr&grants_sek=1%C2%A0000%C2%A0000&admin_share_percent=20"
        "&key=population&consortium=koordination-norrort"
    )
    text = _client(cast.contact).get("/ekonomi/" + query).content.decode()
    assert "Österåker" in text
    assert "Täby" in text
    assert _sek("500 000") in text


def test_population_without_a_consortium_is_refused_on_the_form(cast) -> None:
    text = (
        _client(cast.viewer)
        .get(
            "/ekonomi/?cost_sek=1&grants_sek=0&admin_share_percent=0&key=population&municipalities=3"
        )
        .content.decode()
    )
    assert "<svg" not in text
    assert "errorlist" in text


def test_only_the_visible_consortia_are_offered(cast) -> None:
    text = _client(cast.coordinator).get("/ekonomi/").content.decode()
    assert "koordination-norrort" in text
    assert "etablering-sodertorn" not in text
    response = _client(cast.coordinator).get(
        "/ekonomi/?cost_sek=1&grants_sek=0&admin_share_percent=0&key=equal"
        "&consortium=etablering-sodertorn"
    )
    assert "<svg" not in response.content.decode()


def test_users_without_a_role_see_no_economics(cast, client) -> None:
    assert _client(cast.outsider).get("/ekonomi/").status_code == 403
    # A consortium the user may not see is "not found", as one that does not exist.
    assert _client(cast.outsider).get("/ekonomi/koordination-norrort/2026/").status_code == 404
    assert client.get("/ekonomi/").status_code == 302  # to the login


def test_the_menu_shows_economics_to_users_with_a_role(cast) -> None:
    assert 'href="/ekonomi/"' in _client(cast.viewer).get("/").content.decode()
    assert 'href="/ekonomi/"' not in _client(cast.outsider).get("/").content.decode()


def _projects(norrort, taby, sigtuna) -> None:
    granted = ProjectFactory(
        consortium=norrort,
        owner=taby,
        status="running",
        requested_sek=1_000_000,
        granted_sek=900_000,
        starts_on=date(2026, 1, 1),
    )
    granted.participants.add(sigtuna)
    ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        status="submitted",
        requested_sek=300_001,
        starts_on=date(2026, 9, 1),
    )
    ProjectFactory(consortium=norrort, owner=taby, status="idea", requested_sek=5_000_000)
    ProjectFactory(
        consortium=norrort, owner=taby, status="granted", granted_sek=1, starts_on=date(2025, 1, 1)
    )


def test_the_evaluation_shares_the_projects_and_the_cost(cast, norrort, taby, sigtuna) -> None:
    _projects(norrort, taby, sigtuna)
    ResourceCost.objects.create(consortium=norrort, year=2026, cost_sek=150_000)
    response = _client(cast.steering).get("/ekonomi/koordination-norrort/2026/")
    report = response.context["report"]
    rows = {row.name: row for row in report.rows}
    assert rows["Täby"].applied_sek == 500_000
    assert rows["Sigtuna"].applied_sek == 500_000 + 300_001
    assert rows["Täby"].granted_sek == 450_000
    assert rows["Täby"].cost_sek == 10_000  # 150 000 kr in 15 equal shares
    assert rows["Täby"].net_sek == 440_000
    assert report.applied_sek == 1_300_001
    assert report.granted_sek == 900_000
    assert report.net_sek == 750_000
    assert report.projects == 2
    assert len(report.rows) == 15
    text = response.content.decode()
    assert "45,00" in text  # Täby's leverage: 450 000 / 10 000
    assert "Inte registrerat" not in text


def test_without_a_cost_the_evaluation_shows_the_money_only(cast, norrort, taby, sigtuna) -> None:
    _projects(norrort, taby, sigtuna)
    report = _client(cast.viewer).get("/ekonomi/koordination-norrort/2026/").context["report"]
    assert report.resource_cost is None
    assert all(row.cost_sek is None and row.net_sek is None for row in report.rows)


def test_the_evaluation_makes_the_same_number_of_queries_whatever_the_number(
    cast, norrort, taby, sigtuna, django_assert_num_queries
) -> None:
    client = _client(cast.coordinator)
    _projects(norrort, taby, sigtuna)
    client.get("/ekonomi/koordination-norrort/2026/")
    with django_assert_num_queries(11) as few:
        client.get("/ekonomi/koordination-norrort/2026/")
    for _ in range(5):
        _projects(norrort, taby, sigtuna)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/ekonomi/koordination-norrort/2026/")


def test_other_consortia_and_years_out_of_range_are_not_found(cast) -> None:
    client = _client(cast.coordinator)
    assert client.get("/ekonomi/etablering-sodertorn/2026/").status_code == 404
    assert client.get("/ekonomi/koordination-norrort/1999/").status_code == 404


def test_a_coordinator_sets_the_cost_and_it_is_audited(cast, norrort) -> None:
    client = _client(cast.coordinator)
    response = client.post(
        "/ekonomi/koordination-norrort/2026/kostnad/",
        {"cost_sek": "700 000", "key": "base_fee", "base_share_percent": "30"},
    )
    assert response.status_code == 302
    cost = ResourceCost.objects.get(consortium=norrort, year=2026)
    assert (cost.cost_sek, cost.key, cost.base_share_percent) == (700_000, "base_fee", 30)
    entry = LogEntry.objects.get_for_object(cost).get()
    assert entry.actor == cast.coordinator
    client.post("/ekonomi/koordination-norrort/2026/kostnad/", {"cost_sek": "1", "key": "equal"})
    cost.refresh_from_db()
    assert (cost.cost_sek, cost.base_share_percent) == (1, 0)
    report = client.get("/ekonomi/koordination-norrort/2026/").context["report"]
    assert sum(row.cost_sek for row in report.rows) == 1


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "admin"])
def test_only_coordinators_set_the_cost(cast, norrort, role) -> None:
    client = _client(getattr(cast, role))
    assert "kostnad/" not in client.get("/ekonomi/koordination-norrort/2026/").content.decode()
    response = client.post(
        "/ekonomi/koordination-norrort/2026/kostnad/", {"cost_sek": "1", "key": "equal"}
    )
    assert response.status_code == 403
    assert not ResourceCost.objects.exists()


def test_an_administrator_coordinates_nothing_and_logs_no_time(cast, norrort) -> None:
    """The one rule for administrators (docs/roles.md): they read every consortium, and act
    inside one only through a role."""
    response = _client(cast.admin).post(
        "/ekonomi/koordination-norrort/2025/tid/",
        {"municipality": "0160", "worked_on": "2025-03-01", "hours": "2"},
    )
    assert response.status_code == 403
