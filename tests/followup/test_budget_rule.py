"""The budget rule (finding 7 of issue 21, docs/roles.md): each participating municipality's
contacts write their own municipality's budget lines and expenditures; the owner municipality's
contacts and the consortium's coordinators write every line. Pages and the API go through the
same services, so the same predicate (`followup.permissions.can_edit_budget`) decides both."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from navet.core.errors import PermissionDenied
from navet.followup import services
from navet.followup.models import BudgetLine, Expenditure
from navet.followup.permissions import can_edit_budget
from navet.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def _solna() -> Municipality:
    return Municipality.objects.get(code="0184")


def _line(cast, project, municipality: Municipality | None) -> BudgetLine:
    (line,) = services.budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=municipality,
        amounts={("staff", 2025): 100_000},
    )
    return line


def test_a_participant_s_contact_writes_its_own_lines(cast, project) -> None:
    (line,) = services.budget_set(
        actor=cast.solna_contact,
        project=project,
        municipality=_solna(),
        amounts={("staff", 2025): 150_000},
    )
    expenditure = services.expenditure_add(
        actor=cast.solna_contact,
        project=project,
        budget_line=line,
        spent_on=date(2025, 3, 1),
        amount=Decimal(1200),
    )
    services.expenditure_delete(actor=cast.solna_contact, expenditure=expenditure)
    services.budget_line_plan(actor=cast.solna_contact, line=line, profile=None)
    assert line.municipality == _solna()


def test_a_participant_s_contact_may_not_write_others_lines(cast, project) -> None:
    common = _line(cast, project, None)
    with pytest.raises(PermissionDenied, match="Täby"):
        services.budget_set(
            actor=cast.solna_contact,
            project=project,
            municipality=None,
            amounts={("staff", 2025): 1},
        )
    with pytest.raises(PermissionDenied):
        services.expenditure_add(
            actor=cast.solna_contact,
            project=project,
            budget_line=common,
            spent_on=date(2025, 3, 1),
            amount=Decimal(1),
        )
    assert not Expenditure.objects.exists()


@pytest.mark.parametrize("who", ["contact", "coordinator"])
def test_the_owner_s_contacts_and_the_coordinators_write_every_line(cast, project, who) -> None:
    solna_line = _line(cast, project, _solna())
    services.expenditure_add(
        actor=getattr(cast, who),
        project=project,
        budget_line=solna_line,
        spent_on=date(2025, 3, 1),
        amount=Decimal(5),
    )
    assert can_edit_budget(getattr(cast, who), project, None)


@pytest.mark.parametrize("who", ["viewer", "steering", "admin", "sodertorn_coordinator"])
def test_no_one_else_writes_a_line(cast, project, who) -> None:
    for municipality in (None, _solna()):
        assert not can_edit_budget(getattr(cast, who), project, municipality)


def test_the_budget_page_lets_solna_edit_only_its_own_grid(cast, project) -> None:
    client = Client()
    client.force_login(cast.solna_contact)
    own = client.get(f"/projekt/{project.pk}/budget/?kommun=0184")
    assert 'name="staff-2025"' in own.content.decode()
    common = client.get(f"/projekt/{project.pk}/budget/")
    assert 'name="staff-2025"' not in common.content.decode()
    refused = client.post(f"/projekt/{project.pk}/budget/", {"staff-2025": "5"})
    assert refused.status_code == 403
    saved = client.post(f"/projekt/{project.pk}/budget/?kommun=0184", {"staff-2025": "7"})
    assert saved.status_code == 302
    assert BudgetLine.objects.get(municipality=_solna()).amount_sek == 7


def test_the_budget_page_offers_a_lines_plan_only_where_the_user_may_write(cast, project) -> None:
    common, own = _line(cast, project, None), _line(cast, project, _solna())
    client = Client()
    client.force_login(cast.solna_contact)
    page = client.get(f"/projekt/{project.pk}/budget/").content.decode()
    assert f"/budget/{own.pk}/plan/" in page
    assert f"/budget/{common.pk}/plan/" not in page
    client.force_login(cast.coordinator)
    page = client.get(f"/projekt/{project.pk}/budget/").content.decode()
    assert f"/budget/{own.pk}/plan/" in page
    assert f"/budget/{common.pk}/plan/" in page
