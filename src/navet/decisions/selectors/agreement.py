"""Reads of a consortium's agreement: the goals with their sub-goals and measurements, the action
plan, and the yearly follow-up with the progress of each sub-goal (`navet.decisions.progress`).
Each read takes a fixed number of queries, however many goals and measurements there are."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.core.errors import NotFound
from navet.core.models import User
from navet.decisions import progress
from navet.decisions.models import ActionItem, Agreement, Goal, SubGoal
from navet.decisions.permissions import can_view_agreement
from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for


def visible_consortia(actor: User) -> list[Consortium]:
    """The consortia whose agreement and steering group the actor may read (one query)."""
    visible = permissions_for(actor).visible_consortium_ids()
    consortia = Consortium.objects.order_by("name")
    return list(consortia if visible is None else consortia.filter(pk__in=visible))


def agreement_of(consortium: Consortium) -> Agreement | None:
    return Agreement.objects.filter(consortium=consortium).select_related("consortium").first()


def goals_of(agreement: Agreement) -> list[Goal]:
    """The goals in order, each with its sub-goals and their measurements (three queries)."""
    return list(
        agreement.goals.prefetch_related(
            Prefetch(
                "subgoals",
                queryset=SubGoal.objects.prefetch_related("measurements"),
            )
        )
    )


def actions_of(agreement: Agreement) -> list[ActionItem]:
    """The action plan by area and due date (one query)."""
    return list(agreement.actions.select_related("responsible_municipality"))


def goal_get(actor: User, pk: int) -> Goal:
    goal = Goal.objects.select_related("agreement__consortium").filter(pk=pk).first()
    if goal is None or not can_view_agreement(actor, goal.agreement.consortium):
        raise NotFound(_("No such goal, or none you may see."))
    return goal


def subgoal_get(actor: User, pk: int) -> SubGoal:
    subgoal = SubGoal.objects.select_related("goal__agreement__consortium").filter(pk=pk).first()
    if subgoal is None or not can_view_agreement(actor, subgoal.goal.agreement.consortium):
        raise NotFound(_("No such sub-goal, or none you may see."))
    return subgoal


def action_get(actor: User, pk: int) -> ActionItem:
    item = (
        ActionItem.objects.select_related("agreement__consortium", "responsible_municipality")
        .filter(pk=pk)
        .first()
    )
    if item is None or not can_view_agreement(actor, item.agreement.consortium):
        raise NotFound(_("No such action, or none you may see."))
    return item


def subgoal_progress(subgoal: SubGoal, as_of: date) -> progress.Progress:
    """A sub-goal's progress on `as_of`, from its (prefetched) measurements."""
    return progress.progress(
        baseline=subgoal.baseline,
        target=subgoal.target,
        measurements=[
            progress.Measurement(m.measured_on, m.value) for m in subgoal.measurements.all()
        ],
        start=subgoal.baseline_on,
        target_on=subgoal.target_on,
        as_of=as_of,
    )


@dataclass(frozen=True)
class FollowUpRow:
    goal: Goal
    subgoal: SubGoal
    progress: progress.Progress


@dataclass(frozen=True)
class FollowUp:
    """The yearly follow-up of an agreement for its steering group."""

    agreement: Agreement
    year: int
    as_of: date
    rows: list[FollowUpRow]
    chart: progress.Chart
    actions: list[ActionItem]
    actions_by_status: list[tuple[str, int]]
    overdue: list[ActionItem]

    def count(self, status: progress.Status) -> int:
        return sum(1 for row in self.rows if row.progress.status == status)

    @property
    def reached(self) -> int:
        return self.count(progress.Status.REACHED)

    @property
    def on_track(self) -> int:
        return self.count(progress.Status.ON_TRACK)

    @property
    def behind(self) -> int:
        return self.count(progress.Status.BEHIND) + self.count(progress.Status.MISSED)


def followup_of(agreement: Agreement, year: int, today: date) -> FollowUp:
    """The follow-up of `year`: each sub-goal's progress on the last day of the year (or today,
    for the current year), the action plan by status and the actions overdue (four queries)."""
    as_of = min(date(year, 12, 31), today)
    rows = [
        FollowUpRow(goal, subgoal, subgoal_progress(subgoal, as_of))
        for goal in goals_of(agreement)
        for subgoal in goal.subgoals.all()
    ]
    actions = actions_of(agreement)
    counts = dict.fromkeys(ActionItem.Status.values, 0)
    for item in actions:
        counts[item.status] += 1
    return FollowUp(
        agreement=agreement,
        year=year,
        as_of=as_of,
        rows=rows,
        chart=progress.chart([(row.subgoal.title, row.progress) for row in rows]),
        actions=actions,
        actions_by_status=[
            (str(label), counts[value]) for value, label in ActionItem.Status.choices
        ],
        overdue=[
            item
            for item in actions
            if item.due_on is not None
            and item.due_on < as_of
            and item.status not in (ActionItem.Status.DONE,)
        ],
    )


STATUS_LABELS = {
    progress.Status.NO_DATA: gettext_lazy("No measurement yet"),
    progress.Status.REACHED: gettext_lazy("Reached"),
    progress.Status.ON_TRACK: gettext_lazy("On track"),
    progress.Status.BEHIND: gettext_lazy("Behind"),
    progress.Status.MISSED: gettext_lazy("Target date passed"),
}
