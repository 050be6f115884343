"""A project's next step, for the panel at the top of its page: the lifecycle's move forward
(`lifecycle.next_step`, the rules in one place), what blocks it in sentences, and what the one
button does for this user. Steps that other apps carry out (the steering group, the budget
follow-up) are filled in by them through the contribution slot the panel names."""

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.models import User
from navet.core.permissions import ALLOWED, Decision
from navet.projects import lifecycle
from navet.projects.lifecycle import Action
from navet.projects.models import Project
from navet.projects.permissions import (
    can_edit_needs_analysis,
    can_edit_project,
    can_move_project,
)
from navet.projects.selectors import refusal_message


@dataclass(frozen=True)
class NextStepPanel:
    step: lifecycle.NextStep
    title: str
    hint: str
    blockers: list[str]
    action: str  # a `lifecycle.Action`, or "" at the end of the road
    decision: Decision  # whether this user may press the button, and why not
    slot: str  # the contribution slot of a step another app carries out, else ""


def _title(step: lifecycle.NextStep) -> str:
    if step.action == Action.FOLLOW_UP:
        return _("Follow up the budget")
    titles = {
        lifecycle.NEEDS_ANALYSIS: _("Start the needs analysis"),
        lifecycle.DECISION: _("Go on to a decision"),
        lifecycle.APPLICATION: _("Start the application"),
        lifecycle.SUBMITTED: _("Mark as submitted"),
        lifecycle.GRANTED: _("Mark as granted"),
        lifecycle.RUNNING: _("Start the project"),
        lifecycle.FINISHED: _("Mark as finished"),
        lifecycle.FINAL_REPORT_APPROVED: _("Mark the final report approved"),
        lifecycle.IDEA: _("Start over as an idea"),
    }
    if step.target is None:
        return _("The project has reached its last status.")
    return titles[step.target]


def _hint(step: lifecycle.NextStep) -> str:
    if step.action == Action.FOLLOW_UP:
        return _(
            "While the project runs, its expenditures are followed up against the budget. When "
            "its period has ended, it is marked finished here."
        )
    if step.target == lifecycle.DECISION:
        return _("A project of the whole consortium is then taken to the steering group.")
    if step.target == lifecycle.APPLICATION:
        return _("The application's text is then written under Application further down.")
    if step.target == lifecycle.GRANTED:
        return _(
            "When the funder has decided. A refused application is marked so under Status below."
        )
    return ""


def _blocker(refusal: lifecycle.Refusal, project: Project) -> str:
    if refusal == lifecycle.Refusal.CALL_CLOSED and project.call is not None:
        return _("The call closed %(day)s: choose another call for the project.") % {
            "day": timezone.localdate(project.call.closes).isoformat()
        }
    return refusal_message(refusal)


def project_next_step(actor: User, project: Project, today: date) -> NextStepPanel:
    """The next step of the project as `actor` sees it."""
    facts = replace(
        project.facts(),
        call_closes_on=timezone.localdate(project.call.closes) if project.call else None,
    )
    step = lifecycle.next_step(facts, today)
    # Who may take the step: the move's own rule for the move and for taking it to the steering
    # group (the coordinators' step); who may change the project for the form and the checklist.
    decision = ALLOWED
    if step.action in (Action.MOVE, Action.STEERING, Action.APPLICATION) and step.target:
        decision = can_move_project(actor, project, step.target)
    elif step.action == Action.PROJECT_FORM:
        decision = can_edit_project(actor, project)
    elif step.action == Action.NEEDS_ANALYSIS:
        decision = can_edit_needs_analysis(actor, project)
    slot = (
        f"project.next_step.{step.action}"
        if step.action in (Action.STEERING, Action.APPLICATION, Action.FOLLOW_UP)
        else ""
    )
    return NextStepPanel(
        step=step,
        title=_title(step),
        hint=_hint(step),
        blockers=[_blocker(refusal, project) for refusal in step.blockers],
        action=str(step.action or ""),
        decision=decision,
        slot=slot,
    )
