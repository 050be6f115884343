"""Reads of the municipalities' own decisions on a project (the memo drafted for each board is
in `navet.decisions.documents`)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from navet.core.errors import NotFound
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.decisions.models import BoardDecision
from navet.organisations.models import Municipality
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
