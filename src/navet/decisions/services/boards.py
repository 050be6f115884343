"""Writes of the municipalities' own decisions on a joint project: each participating
municipality's board decision is recorded back (atomic, audited, permission-checked)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.decisions.models import BoardDecision
from navet.decisions.permissions import can_record_board_decision
from navet.organisations.models import Municipality
from navet.projects.models import Project


def board_decision_record(
    *,
    actor: User,
    project: Project,
    municipality: Municipality,
    body: str,
    decided_on: date,
    outcome: str,
    paragraph: str = "",
    reference: str = "",
    adjusted_immediately: bool = False,
) -> BoardDecision:
    """Record (or replace) a participating municipality's board decision on the project."""
    can_record_board_decision(actor, project, municipality).require()
    if not project.participants.filter(pk=municipality.pk).exists():
        raise DomainError(
            _("%(name)s does not take part in the project.") % {"name": municipality.name}
        )
    with transaction.atomic(), acting_as(actor):
        decision = (
            BoardDecision.objects.select_for_update()
            .filter(project=project, municipality=municipality)
            .first()
        ) or BoardDecision(project=project, municipality=municipality)
        decision.body = body.strip()
        decision.decided_on = decided_on
        decision.outcome = outcome
        decision.paragraph = paragraph.strip()
        decision.reference = reference.strip()
        decision.adjusted_immediately = adjusted_immediately
        decision.recorded_by = actor
        full_clean(decision)
        decision.save()
    return decision
