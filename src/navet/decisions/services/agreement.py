"""Writes to a consortium's agreement: the agreement itself, its goals and measurable sub-goals,
the measurements over time and the action plan. Each is atomic, audited and allowed only to the
consortium's coordinators."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.decisions.models import ActionItem, Agreement, Goal, Measurement, SubGoal
from navet.decisions.permissions import can_manage_agreement
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality


def agreement_save(
    *,
    actor: User,
    consortium: Consortium,
    title: str,
    vision: str,
    reference: str = "",
    adopted_on: date | None = None,
) -> Agreement:
    """Write the consortium's agreement: made the first time, changed after."""
    can_manage_agreement(actor, consortium).require()
    with transaction.atomic(), acting_as(actor):
        agreement = Agreement.objects.filter(consortium=consortium).first() or Agreement(
            consortium=consortium
        )
        agreement.title = title.strip()
        agreement.vision = vision.strip()
        agreement.reference = reference.strip()
        agreement.adopted_on = adopted_on
        agreement.updated_by = actor
        full_clean(agreement)
        agreement.save()
    return agreement


def _next_position(rows: "list[int]") -> int:
    return max(rows, default=0) + 1


def goal_save(
    *,
    actor: User,
    agreement: Agreement,
    title: str,
    description: str = "",
    goal: Goal | None = None,
) -> Goal:
    """Add a goal to the agreement (last), or change `goal`."""
    can_manage_agreement(actor, agreement.consortium).require()
    if goal is not None and goal.agreement_id != agreement.pk:
        raise DomainError(_("The goal belongs to another agreement."))
    with transaction.atomic(), acting_as(actor):
        if goal is None:
            positions = list(agreement.goals.values_list("position", flat=True))
            goal = Goal(agreement=agreement, position=_next_position(positions))
        goal.title = title.strip()
        goal.description = description.strip()
        full_clean(goal)
        goal.save()
    return goal


def subgoal_save(
    *,
    actor: User,
    goal: Goal,
    title: str,
    indicator: str,
    baseline: Decimal,
    baseline_on: date,
    target: Decimal,
    target_on: date,
    unit: str = "",
    subgoal: SubGoal | None = None,
) -> SubGoal:
    """Add a measurable sub-goal to `goal` (last), or change `subgoal`."""
    can_manage_agreement(actor, goal.agreement.consortium).require()
    if subgoal is not None and subgoal.goal.agreement_id != goal.agreement_id:
        raise DomainError(_("The sub-goal belongs to another agreement."))
    if target == baseline:
        raise DomainError(_("The target must differ from the baseline."))
    with transaction.atomic(), acting_as(actor):
        if subgoal is None:
            positions = list(goal.subgoals.values_list("position", flat=True))
            subgoal = SubGoal(position=_next_position(positions))
        subgoal.goal = goal
        subgoal.title = title.strip()
        subgoal.indicator = indicator.strip()
        subgoal.unit = unit.strip()
        subgoal.baseline = baseline
        subgoal.baseline_on = baseline_on
        subgoal.target = target
        subgoal.target_on = target_on
        full_clean(subgoal)
        subgoal.save()
    return subgoal


def measurement_record(
    *, actor: User, subgoal: SubGoal, measured_on: date, value: Decimal, note: str = ""
) -> Measurement:
    """Record the indicator's value on a day; a second value for the same day replaces the first."""
    can_manage_agreement(actor, subgoal.goal.agreement.consortium).require()
    if measured_on < subgoal.baseline_on:
        raise DomainError(
            _("A measurement cannot come before the baseline (%(day)s).")
            % {"day": subgoal.baseline_on.isoformat()}
        )
    with transaction.atomic(), acting_as(actor):
        measurement = (
            Measurement.objects.select_for_update()
            .filter(subgoal=subgoal, measured_on=measured_on)
            .first()
        ) or Measurement(subgoal=subgoal, measured_on=measured_on)
        measurement.value = value
        measurement.note = note.strip()
        full_clean(measurement)
        measurement.save()
    return measurement


def action_save(
    *,
    actor: User,
    agreement: Agreement,
    area: str,
    action: str,
    status: str = ActionItem.Status.PLANNED,
    responsible_municipality: Municipality | None = None,
    responsible_body: str = "",
    due_on: date | None = None,
    item: ActionItem | None = None,
) -> ActionItem:
    """Add an action to the agreement's action plan, or change `item`. The municipality
    responsible must be a member of the consortium."""
    can_manage_agreement(actor, agreement.consortium).require()
    if item is not None and item.agreement_id != agreement.pk:
        raise DomainError(_("The action belongs to another agreement."))
    if (
        responsible_municipality is not None
        and not ConsortiumMembership.objects.filter(
            consortium_id=agreement.consortium_id, municipality=responsible_municipality
        ).exists()
    ):
        raise DomainError(
            _("%(name)s is not a member of %(consortium)s.")
            % {"name": responsible_municipality.name, "consortium": agreement.consortium.name}
        )
    with transaction.atomic(), acting_as(actor):
        item = item or ActionItem(agreement=agreement)
        item.area = area.strip()
        item.action = action.strip()
        item.status = status
        item.responsible_municipality = responsible_municipality
        item.responsible_body = responsible_body.strip()
        item.due_on = due_on
        full_clean(item)
        item.save()
    return item
