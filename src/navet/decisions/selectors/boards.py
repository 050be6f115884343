"""Reads of the municipalities' own decisions on a project (the memo drafted for each board is
in `navet.decisions.documents`)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.decisions.models import BoardDecision, Motion
from navet.decisions.permissions import can_manage_motions
from navet.organisations.models import Municipality
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import projects_for


def project_get(actor: User, pk: int) -> Project:
    project = (
        projects_for(actor)
        .select_related("consortium", "owner", "call__funder", "call__programme", "funder")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise NotFound(_("No such project, or none you may see."))
    return project


def participant_get(project: Project, pk: int) -> Municipality:
    municipality = project.participants.filter(pk=pk).first()
    if municipality is None:
        raise NotFound(_("The municipality does not take part in the project."))
    return municipality


@dataclass(frozen=True)
class BoardRow:
    municipality: Municipality
    decision: BoardDecision | None


def board_rows(project: Project) -> list[BoardRow]:
    """Each participating municipality and its board's decision, if recorded (two queries)."""
    decisions = {d.municipality_id: d for d in BoardDecision.objects.filter(project=project)}
    members = sorted(project.participants.all(), key=lambda m: swedish_sort_key(m.name))
    return [BoardRow(m, decisions.get(m.pk)) for m in members]


def project_steering(actor: User, project: Project) -> dict[str, Any]:
    """The project's motions, newest first, and whether the actor may take the project to the
    steering group now: a project of the whole consortium still being prepared, without a
    decision and without a motion out to vote."""
    motions = list(Motion.objects.filter(project=project).order_by("-opens_at", "-pk"))
    needs_decision = project.scope == Project.Scope.CONSORTIUM and not project.steering_decision_on
    open_motion = next((m for m in motions if m.status == Motion.Status.OPEN), None)
    return {
        "project": project,
        "motions": motions,
        "needs_decision": needs_decision,
        "open_motion": open_motion,
        "can_take": bool(
            needs_decision
            and open_motion is None
            and project.status in (lifecycle.IDEA, lifecycle.NEEDS_ANALYSIS, lifecycle.DECISION)
            and can_manage_motions(actor, project.consortium)
        ),
    }
