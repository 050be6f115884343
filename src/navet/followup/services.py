"""Writes to a project's budget and follow-up: permission-checked, validated, atomic and audited
with the actor."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.calls.spreadsheets import SpreadsheetError
from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.followup import budget, ledger
from navet.followup.models import (
    BudgetLine,
    Category,
    Expenditure,
    Indicator,
    Intervention,
    LedgerImport,
    LedgerMapping,
    Measurement,
    ReportDeadline,
)
from navet.followup.permissions import can_edit_budget, can_manage_followup, can_map_ledger
from navet.followup.selectors import (
    LedgerPreview,
    followup_of,
    ledger_mapping,
    ledger_preview,
    mapping_of,
)
from navet.organisations.models import Municipality, Role
from navet.projects.models import Project


def _check_municipality(project: Project, municipality: Municipality | None) -> None:
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
    can_edit_budget(actor, project).require()
    _check_municipality(project, municipality)
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
    can_edit_budget(actor, line.project).require()
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
    can_edit_budget(actor, project).require()
    if budget_line.project_id != project.pk:
        raise DomainError(_("The budget line is not the project's."))
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
    can_edit_budget(actor, expenditure.project).require()
    with transaction.atomic(), acting_as(actor):
        expenditure.delete()


def ledger_mapping_set(
    *,
    actor: User,
    project: Project,
    municipality: Municipality,
    date_column: str,
    amount_column: str,
    account_column: str,
    accounts: Mapping[str, str],
    text_column: str = "",
    reference_column: str = "",
) -> LedgerMapping:
    """Remember how `municipality`'s ledger export is read, for every later file."""
    can_map_ledger(actor, municipality, project).require()
    if not accounts:
        raise DomainError(_("Say which accounts belong to which cost category, e.g. 5=Personal."))
    if any(key not in Category.values for key in accounts.values()):
        raise DomainError(_("Unknown cost category."))
    stored = LedgerMapping.objects.filter(municipality=municipality).first() or LedgerMapping(
        municipality=municipality
    )
    stored.date_column = date_column
    stored.amount_column = amount_column
    stored.account_column = account_column
    stored.text_column = text_column
    stored.reference_column = reference_column
    stored.accounts = dict(accounts)
    stored.updated_by = actor
    with transaction.atomic(), acting_as(actor):
        full_clean(stored)
        stored.save()
    return stored


def ledger_read(
    project: Project, municipality: Municipality, filename: str, content: bytes
) -> LedgerPreview:
    """The preview of a ledger export read by the municipality's stored mapping."""
    stored = ledger_mapping(municipality)
    if stored is None:
        raise DomainError(
            _("Choose first how %(name)s's ledger is read.") % {"name": municipality.name}
        )
    mapping = mapping_of(stored)
    try:
        sheet = ledger.find_header(
            ledger.read_sheet(filename, content),
            [mapping.date_column, mapping.amount_column, mapping.account_column],
        )
    except SpreadsheetError as error:
        raise DomainError(str(error)) from error
    return ledger_preview(project, municipality, sheet, mapping)


def ledger_import(
    *, actor: User, project: Project, municipality: Municipality, filename: str, content: bytes
) -> LedgerImport:
    """Store every row of a ledger export as expenditures, or none: a single bad row refuses
    the whole file, with the reasons."""
    can_edit_budget(actor, project).require()
    _check_municipality(project, municipality)
    preview = ledger_read(project, municipality, filename, content)
    if preview.bad:
        raise DomainError(
            _("%(count)s rows of the file are wrong; nothing was imported.")
            % {"count": len(preview.bad)}
        )
    if not preview.rows:
        raise DomainError(_("The file has no rows to import."))
    with transaction.atomic(), acting_as(actor):
        batch = LedgerImport.objects.create(
            project=project,
            municipality=municipality,
            filename=filename[:255],
            rows=len(preview.rows),
            total=preview.total,
            created_by=actor,
        )
        for item in preview.rows:
            assert item.line is not None  # noqa: S101
            assert item.row.spent_on is not None  # noqa: S101
            assert item.row.amount is not None  # noqa: S101
            expenditure = Expenditure(
                project=project,
                budget_line=item.line,
                spent_on=item.row.spent_on,
                amount=item.row.amount,
                description=item.row.text,
                reference=item.row.reference,
                source=Expenditure.Source.LEDGER,
                ledger_import=batch,
                created_by=actor,
            )
            full_clean(expenditure)
            expenditure.save()
    return batch


def indicator_add(
    *,
    actor: User,
    project: Project,
    name: str,
    target: Decimal,
    baseline: Decimal = Decimal(0),
    unit: str = "",
) -> Indicator:
    """A goal of the project with its baseline and target: the coordinators set it."""
    can_manage_followup(actor, project).require()
    if target == baseline:
        raise DomainError(_("The target must differ from the baseline."))
    indicator = Indicator(
        project=project, name=name.strip(), unit=unit.strip(), baseline=baseline, target=target
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(indicator)
        indicator.save()
    return indicator


def measurement_add(
    *, actor: User, indicator: Indicator, measured_on: date, value: Decimal, note: str = ""
) -> Measurement:
    """A measurement of an indicator: the owner's contacts and the coordinators."""
    can_edit_budget(actor, indicator.project).require()
    measurement = Measurement(
        indicator=indicator,
        measured_on=measured_on,
        value=value,
        note=note.strip(),
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(measurement)
        measurement.save()
    return measurement


def report_deadline_add(
    *,
    actor: User,
    project: Project,
    kind: str,
    due_on: date,
    submitted_on: date | None = None,
) -> ReportDeadline:
    can_manage_followup(actor, project).require()
    deadline = ReportDeadline(project=project, kind=kind, due_on=due_on, submitted_on=submitted_on)
    with transaction.atomic(), acting_as(actor):
        full_clean(deadline)
        deadline.save()
    return deadline


def report_deadline_submitted(
    *, actor: User, deadline: ReportDeadline, submitted_on: date
) -> ReportDeadline:
    can_manage_followup(actor, deadline.project).require()
    deadline.submitted_on = submitted_on
    with transaction.atomic(), acting_as(actor):
        full_clean(deadline)
        deadline.save(update_fields=["submitted_on"])
    return deadline


def intervention_record(
    *, actor: User, project: Project, occurred_on: date, reason: str, action: str
) -> Intervention:
    """What the coordinator did about a project falling behind (§6.3); kept in the audit trail."""
    can_manage_followup(actor, project).require()
    intervention = Intervention(
        project=project,
        occurred_on=occurred_on,
        reason=reason.strip(),
        action=action.strip(),
        created_by=actor,
    )
    with transaction.atomic(), acting_as(actor):
        full_clean(intervention)
        intervention.save()
    return intervention


def _recipients(project: Project) -> list[User]:
    """The owner municipality's contacts and the consortium's coordinators, active ones."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(
                role_assignments__role=Role.CONTACT,
                role_assignments__municipality_id=project.owner_id,
            )
            | Q(
                role_assignments__role=Role.COORDINATOR,
                role_assignments__consortium_id=project.consortium_id,
            )
        )
        .distinct()
        .order_by("pk")
    )


def alerts_send(today: date) -> int:
    """Tell the owner's contacts and the coordinators of every running project about its alerts,
    each alert once (its key holds the quarter, so one that persists is told again next
    quarter). Returns the number of new notifications."""
    sent = 0
    running = Project.objects.filter(
        status=Project.Status.RUNNING, starts_on__isnull=False, ends_on__isnull=False
    ).order_by("pk")
    for project in running:
        followup = followup_of(project, today)
        if followup is None or not followup.alerts:
            continue
        url = reverse("followup:followup", args=[project.pk])
        people = _recipients(project)
        for alert in followup.alerts:
            for person in people:
                sent += notify(
                    user=person,
                    key=f"followup-{project.pk}-{alert.key}",
                    title=f"{project.title}: {alert.reason}",
                    body=alert.action,
                    url=url,
                )
    return sent
