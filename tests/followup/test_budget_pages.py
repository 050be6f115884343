"""The budget builder: the service, who may write, the summary for applications, the pages."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from navet.core.errors import DomainError, PermissionDenied
from navet.followup import selectors, services
from navet.followup.models import BudgetLine, Category
from navet.organisations.models import Municipality


def _solna() -> Municipality:
    return Municipality.objects.get(code="0184")


def test_the_owner_s_contact_sets_the_budget_and_the_history_names_them(cast, project) -> None:
    services.budget_set(
        actor=cast.contact,
        project=project,
        municipality=None,
        amounts={("staff", 2025): 300_000, ("indirect", 2025): 40_000, ("travel", 2025): None},
    )
    services.budget_set(
        actor=cast.contact,
        project=project,
        municipality=_solna(),
        amounts={("staff", 2026): 150_000},
    )
    summary = selectors.budget_summary(project)
    assert summary.total_sek == 490_000
    assert [(x.category_label, x.year, x.municipality, x.amount_sek) for x in summary.lines] == [
        (str(Category.STAFF.label), 2025, None, 300_000),
        (str(Category.INDIRECT.label), 2025, None, 40_000),
        (str(Category.STAFF.label), 2026, "Solna", 150_000),
    ]
    assert summary.problems == []
    line = BudgetLine.objects.get(category="staff", year=2025)
    assert LogEntry.objects.get_for_object(line).get().actor == cast.contact


def test_the_summary_carries_the_programme_s_rules(cast, project) -> None:
    services.budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2025): 200_000, ("indirect", 2025): 50_000},
    )
    summary = selectors.budget_summary(project)
    assert len(summary.problems) == 1
    assert "högst 30\u00a0000\u00a0kr är tillåtet" in str(summary.problems[0])
    assert isinstance(summary.total_sek, int)
    assert summary.cofinancing_sek == 62_500


def test_zero_removes_a_line_but_not_one_with_expenditures(cast, project) -> None:
    services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 1000}
    )
    services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 0}
    )
    assert not BudgetLine.objects.filter(project=project).exists()


@pytest.mark.parametrize("who", ["solna_contact", "viewer", "steering", "sodertorn_coordinator"])
def test_others_may_not_write_the_budget(cast, project, who) -> None:
    with pytest.raises(PermissionDenied):
        services.budget_set(
            actor=getattr(cast, who),
            project=project,
            municipality=None,
            amounts={("staff", 2025): 1000},
        )
    assert not BudgetLine.objects.exists()


def test_a_municipality_outside_the_project_is_refused(cast, project) -> None:
    with pytest.raises(DomainError, match="Sigtuna"):
        services.budget_set(
            actor=cast.coordinator,
            project=project,
            municipality=Municipality.objects.get(code="0191"),
            amounts={("staff", 2025): 1000},
        )


def test_a_plan_must_add_up(cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 1000}
    )
    with pytest.raises(DomainError):
        services.budget_line_plan(actor=cast.contact, line=line, profile=[100, 100, 100, 100])
    services.budget_line_plan(actor=cast.contact, line=line, profile=[400, 300, 200, 100])
    line.refresh_from_db()
    assert line.profile == [400, 300, 200, 100]
    with pytest.raises(PermissionDenied):
        services.budget_line_plan(actor=cast.viewer, line=line, profile=None)


def test_the_budget_page_saves_the_grid_and_shows_the_problems(
    client, cast, project, django_assert_max_num_queries
) -> None:
    client.force_login(cast.contact)
    url = reverse("followup:budget", args=[project.pk])
    response = client.post(
        url, {"staff-2025": "200 000", "indirect-2025": "50 000 kr", "travel-2026": ""}
    )
    assert response.status_code == 302
    with django_assert_max_num_queries(12):
        page = client.get(url)
    text = page.content.decode()
    assert "250\u00a0000\u00a0kr" in text
    assert "högst 30\u00a0000\u00a0kr är tillåtet" in text


def test_the_budget_page_refuses_a_bad_amount_and_keeps_the_budget(client, cast, project) -> None:
    client.force_login(cast.contact)
    url = reverse("followup:budget", args=[project.pk])
    client.post(url, {"staff-2025": "1000"})
    page = client.post(url, {"staff-2025": "tusen"})
    assert page.status_code == 200
    assert BudgetLine.objects.get().amount_sek == 1000


def test_a_viewer_reads_the_budget_but_may_not_post(client, cast, project) -> None:
    client.force_login(cast.viewer)
    url = reverse("followup:budget", args=[project.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"staff-2025": "1000"}).status_code == 403
    assert not BudgetLine.objects.exists()


def test_another_consortium_sees_no_budget(client, cast, project) -> None:
    client.force_login(cast.sodertorn_coordinator)
    assert client.get(reverse("followup:budget", args=[project.pk])).status_code == 404


def test_the_plan_page(client, cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 1000}
    )
    client.force_login(cast.contact)
    url = reverse("followup:line-plan", args=[project.pk, line.pk])
    assert client.post(url, {"q1": "500", "q2": "500"}).status_code == 302
    line.refresh_from_db()
    assert line.profile == [500, 500, 0, 0]
    client.force_login(cast.solna_contact)
    assert client.post(url, {"q1": "1000"}).status_code == 403
