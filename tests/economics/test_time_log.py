"""The resource's time log: coordinators log hours per municipality and project, and the usage
key shares the year's cost by them."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.test import Client

from navet.economics import costsharing
from navet.economics.models import ResourceCost, TimeEntry
from navet.organisations.models import Municipality
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/ekonomi/koordination-norrort/2026/tid/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _log(client, municipality, hours="1,5", **extra):
    data = {"worked_on": "2026-03-02", "hours": hours, "municipality": municipality.pk}
    return client.post(URL, {**data, **extra})


def test_the_usage_key_shares_by_time_and_needs_some() -> None:
    members = (
        costsharing.Member("Täby", usage_minutes=90),
        costsharing.Member("Sigtuna", usage_minutes=30),
        costsharing.Member("Ekerö"),
    )
    assert costsharing.split_cost(1_000, members, costsharing.Key.USAGE) == [750, 250, 0]
    idle = tuple(costsharing.Member(m.name) for m in members)
    with pytest.raises(costsharing.ScenarioError, match="registrerad tid"):
        costsharing.split_cost(1_000, idle, costsharing.Key.USAGE)


def test_a_coordinator_logs_time_on_a_project_and_it_is_audited(cast, norrort, taby) -> None:
    project = ProjectFactory(consortium=norrort, owner=taby, title="Språkcafé")
    client = _client(cast.coordinator)

    response = _log(client, taby, project=project.pk, note="Ansökan, budget")

    assert response.status_code == 302
    entry = TimeEntry.objects.get()
    assert (entry.hours, entry.project, entry.note) == (Decimal("1.5"), project, "Ansökan, budget")
    assert entry.logged_by == cast.coordinator
    assert LogEntry.objects.get_for_object(entry).get().actor == cast.coordinator
    page = client.get(URL).content.decode()
    assert "Språkcafé" in page
    assert "Ansökan, budget" in page


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "sodertorn_coordinator"])
def test_only_the_consortium_s_coordinators_log_time(cast, taby, role) -> None:
    client = _client(getattr(cast, role))
    response = _log(client, taby)
    assert response.status_code in (403, 404)
    assert not TimeEntry.objects.exists()
    if role != "sodertorn_coordinator":
        assert "Registrera tiden" not in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "Ange mellan 0,25 och 24 timmar."),
        ("25", "Ange mellan 0,25 och 24 timmar."),
        ("1,125", "Säkerställ att det inte är mer än 2 decimaler."),
        ("en timme", "Fyll i ett tal."),
    ],
)
def test_hours_out_of_a_day_are_refused(cast, taby, hours, message) -> None:
    response = _log(_client(cast.coordinator), taby, hours=hours)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_a_project_of_another_municipality_is_refused(cast, norrort, taby, sigtuna) -> None:
    project = ProjectFactory(consortium=norrort, owner=sigtuna)
    response = _log(_client(cast.coordinator), taby, project=project.pk)
    assert "Projektet är inte ett av Täbys projekt i Koordination Norrort." in (
        response.content.decode()
    )
    assert not TimeEntry.objects.exists()


def test_a_municipality_outside_the_consortium_is_not_offered(cast) -> None:
    huddinge = Municipality.objects.get(code="0126")
    response = _log(_client(cast.coordinator), huddinge)
    assert response.status_code == 200
    assert not TimeEntry.objects.exists()


def test_the_usage_key_shares_the_cost_by_logged_time(cast, norrort, taby, sigtuna) -> None:
    ResourceCost.objects.create(consortium=norrort, year=2026, cost_sek=600_000, key="usage")
    client = _client(cast.coordinator)
    _log(client, taby, hours="3")
    _log(client, sigtuna, hours="1")

    report = client.get("/ekonomi/koordination-norrort/2026/").context["report"]
    rows = {row.name: row for row in report.rows}

    assert rows["Täby"].cost_sek == 450_000
    assert rows["Sigtuna"].cost_sek == 150_000
    assert rows["Ekerö"].cost_sek == 0
    assert rows["Täby"].hours == Decimal(3)
    assert not report.shared_equally_instead


def test_without_time_the_usage_key_shares_equally_and_says_so(cast, norrort) -> None:
    ResourceCost.objects.create(consortium=norrort, year=2026, cost_sek=150_000, key="usage")
    response = _client(cast.viewer).get("/ekonomi/koordination-norrort/2026/")
    report = response.context["report"]
    assert report.shared_equally_instead
    assert {row.cost_sek for row in report.rows} == {10_000}
    assert "delas kostnaden lika" in response.content.decode()


def test_a_coordinator_removes_an_entry_of_the_consortium_only(cast, taby) -> None:
    _log(_client(cast.coordinator), taby)
    entry = TimeEntry.objects.get()
    other = _client(cast.sodertorn_coordinator).post(f"{URL}{entry.pk}/ta-bort/")
    assert other.status_code == 404
    assert _client(cast.contact).post(f"{URL}{entry.pk}/ta-bort/").status_code == 403
    assert TimeEntry.objects.exists()
    assert _client(cast.coordinator).post(f"{URL}{entry.pk}/ta-bort/").status_code == 302
    assert not TimeEntry.objects.exists()


def test_the_scenario_offers_no_usage_key(cast) -> None:
    page = _client(cast.viewer).get("/ekonomi/").content.decode()
    assert 'value="usage"' not in page
