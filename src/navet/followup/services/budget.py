"""Writes to a project's budget and its expenditures: permission-checked, validated, atomic and
audited with the actor."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.followup import budget
from navet.followup.models import (
    BudgetLine,
    Category,
    Expenditure,
)
from navet.followup.permissions import can_edit_budget
from navet.organisations.models import Municipality
from navet.projects.models import Project


def check_municipality(project: Project, municipality: Municipality | None) -> None:
    if municipality is not None and not project.participants.filter(pk=municipality.pk).exists():
        raise DomainError(
            _("%(name)s does not take part in the project.") % {"name": municipality.name}
        )


def budget_set(
    *,
    actor: User,
    project: Project,
    municipality: Municipality | None,
    amounts: Mapping[tuple[str, int], int | None],
) -> list[BudgetLine]:
    """Set the budget of `municipality` (None: the project as a whole) per category and year.

    An amount of None or 0 removes the line – unless expenditures are booked on it, which is
    refused. A changed amount keeps a planned profile only if the profile still adds up; else the
    line is spread evenly again."""
    can_edit_budget(actor, project, municipality).require()
    check_municipality(project, municipality)
    existing = {
        (line.category, line.year): line
        for line in BudgetLine.objects.filter(project=project, municipality=municipality)
    }
    saved: list[BudgetLine] = []
    with transaction.atomic(), acting_as(actor):
        for (category, year), amount in sorted(amounts.items()):
            if category not in Category.values:
                raise DomainError(_("Unknown cost category."))
            line = existing.get((category, year))
            if not amount:
                if line is not None:
                    if line.expenditures.exists():
                        raise DomainError(
                            _(
                                "%(line)s has expenditures booked on it and cannot be removed; "
                                "move them first."
                            )
                            % {"line": str(line)}
                        )
                    line.delete()
                continue
            if amount < 0:
                raise DomainError(_("An amount of the budget cannot be negative."))
            if line is None:
                line = BudgetLine(
                    project=project, municipality=municipality, category=category, year=year
                )
            elif line.amount_sek == amount:
                saved.append(line)
                continue
            line.amount_sek = amount
            if line.profile and sum(line.profile) != amount:
                line.profile = []
            full_clean(line)
            try:
                line.save()
            except IntegrityError as error:
                raise DomainError(_("The budget already has this line.")) from error
            saved.append(line)
    return saved


def budget_line_plan(*, actor: User, line: BudgetLine, profile: Sequence[int] | None) -> BudgetLine:
    """Set the planned amount of each quarter of the line's year (None: evenly spread)."""
    can_edit_budget(actor, line.project, line.municipality).require()
    if profile:
        plan = [int(amount) for amount in profile]
        if len(plan) != len(budget.QUARTERS):
            raise DomainError(_("The plan has one amount per quarter, four in all."))
        if any(amount < 0 for amount in plan):
            raise DomainError(_("A planned amount cannot be negative."))
        if sum(plan) != line.amount_sek:
            raise DomainError(
                _("The quarters add up to %(sum)s kr, but the line is %(amount)s kr.")
                % {"sum": sum(plan), "amount": line.amount_sek}
            )
        line.profile = plan
    else:
        line.profile = []
    with transaction.atomic(), acting_as(actor):
        full_clean(line)
        line.save(update_fields=["profile", "updated_at"])
    return line


def expenditure_add(
    *,
    actor: User,
    project: Project,
    budget_line: BudgetLine,
    spent_on: date,
    amount: Decimal,
    description: str = "",
    reference: str = "",
) -> Expenditure:
    """Enter an expenditure by hand on one of the project's budget lines."""
    if budget_line.project_id != project.pk:
        raise DomainError(_("The budget line is not the project's."))
    can_edit_budget(actor, project, budget_line.municipality).require()
    if amount == 0:
        raise DomainError(_("An expenditure of 0 kr says nothing; write the amount."))
    if (project.starts_on and spent_on < project.starts_on) or (
        project.ends_on and spent_on > project.ends_on
    ):
        raise DomainError(_("The date lies outside the project's period."))
    expenditure = Expenditure(
        project=project,
        budget_line=budget_line,
        spent_on=spent_on,
        amount=amount,
        description=description.strip(),
        reference=reference.strip(),
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(expenditure)
        expenditure.save()
    return expenditure


def expenditure_delete(*, actor: User, expenditure: Expenditure) -> None:
    can_edit_budget(actor, expenditure.project, expenditure.budget_line.municipality).require()
    with transaction.atomic(), acting_as(actor):
        expenditure.delete()
