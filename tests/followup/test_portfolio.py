"""The portfolio's spending against plan: the granted and running projects added up per quarter,
the same number of queries however many projects, only for the consortium's readers."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from navet.followup import services
from navet.followup.budget import Quarter
from navet.followup.forecast import Period, Result, combine
from navet.projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _result(periods: list[tuple[Quarter, int, int]], budget: int, at_risk: int = 0) -> Result:
    cumulative_planned, cumulative_actual, rows = 0, Decimal(0), []
    for quarter, planned, actual in periods:
        cumulative_planned += planned
        cumulative_actual += actual
        rows.append(
            Period(quarter, planned, Decimal(actual), cumulative_planned, cumulative_actual)
        )
    return Result(
        as_of=date(2025, 7, 1),
        through=date(2025, 6, 30),
        budget_sek=budget,
        planned_to_date=cumulative_planned,
        actual=cumulative_actual,
        pace=None,
        forecast_sek=budget - at_risk,
        grant_sek=budget,
        funded_forecast_sek=budget - at_risk,
        at_risk_sek=at_risk,
        lines=(),
        periods=tuple(rows),
        finished=False,
    )


@pytest.mark.django_db(databases=[])
def test_combine_adds_quarters_and_fills_the_gaps_between_projects() -> None:
    early = _result([(Quarter(2025, 1), 100, 80), (Quarter(2025, 2), 100, 0)], 200, at_risk=20)
    late = _result([(Quarter(2025, 4), 50, 0)], 50)

    portfolio = combine([early, late])

    assert [str(p.quarter) for p in portfolio.periods] == [
        "2025 kv1",
        "2025 kv2",
        "2025 kv3",
        "2025 kv4",
    ]
    assert [p.cumulative_planned_sek for p in portfolio.periods] == [100, 200, 200, 250]
    assert [p.cumulative_actual for p in portfolio.periods] == [80, 80, 80, 80]
    assert (portfolio.budget_sek, portfolio.at_risk_sek, portfolio.actual) == (250, 20, 80)
    assert combine([]).periods == ()


def _budget(cast, project: Project, amount: int, spent: int) -> None:
    (line,) = services.budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2025): amount},
    )
    services.expenditure_add(
        actor=cast.coordinator,
        project=project,
        budget_line=line,
        spent_on=date(2025, 3, 31),
        amount=Decimal(spent),
        description="Lön",
    )


def _running(norrort, owner, title: str) -> Project:
    return ProjectFactory(
        consortium=norrort,
        owner=owner,
        title=title,
        status=Project.Status.RUNNING,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        granted_sek=400_000,
    )


def test_the_page_adds_up_the_running_projects_in_constant_queries(
    client, cast, norrort, project, today, django_assert_num_queries, django_assert_max_num_queries
) -> None:
    today(date(2025, 4, 10))
    _budget(cast, project, 600_000, 60_000)
    ProjectFactory(consortium=norrort, owner=project.owner, status=Project.Status.IDEA)
    _running(norrort, project.owner, "Utan budget")
    client.force_login(cast.viewer)
    url = reverse("followup:portfolio", args=["koordination-norrort"])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert [p.title for p, _ in page.context["rows"]] == ["Språkcafé i Täby och Solna"]
    assert [p.title for p in page.context["without_budget"]] == ["Utan budget"]
    assert page.context["result"].at_risk_sek < 600_000  # the unbudgeted grant is not counted
    assert page.context["result"].budget_sek == 600_000
    assert '<svg viewBox="0 0 640 260"' in text
    assert "2025 kv1" in text
    for number in range(3):
        _budget(cast, _running(norrort, project.owner, f"Projekt {number}"), 400_000, 10_000)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert len(page.context["rows"]) == 4
    assert page.context["result"].budget_sek == 600_000 + 3 * 400_000
    assert page.context["result"].actual == 60_000 + 3 * 10_000


def test_other_consortia_and_users_without_a_role_get_nothing(client, cast) -> None:
    client.force_login(cast.sodertorn_coordinator)
    assert (
        client.get(reverse("followup:portfolio", args=["koordination-norrort"])).status_code == 404
    )
    client.force_login(cast.coordinator)
    page = client.get(reverse("followup:portfolio", args=["koordination-norrort"]))
    assert "inga beviljade eller pågående projekt" in page.content.decode()
