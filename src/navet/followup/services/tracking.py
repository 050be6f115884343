"""Indicators, measurements, report dates and interventions, and the warnings told to people."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.followup.models import (
    Indicator,
    Intervention,
    Measurement,
    ReportDeadline,
)
from navet.followup.permissions import can_manage_followup, can_record_measurement
from navet.followup.selectors import (
    followup_of,
)
from navet.organisations.models import Role
from navet.projects.models import Project


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
    can_record_measurement(actor, indicator.project).require()
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
                    # Stored as read now, in the site's language: a notification keeps the
                    # words it was told in, in the list and in the e-mail digest alike.
                    title=f"{project.title}: {alert.reason}",
                    body=str(alert.action),
                    url=url,
                )
    return sent
