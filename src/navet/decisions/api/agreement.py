"""API for a consortium's agreement and the municipalities' own decisions on a project, with the
pages' rules: the agreement with its goals, sub-goals, measurements and action plan; the yearly
follow-up with the progress per sub-goal; recording a measurement; each participating
municipality's board decision, read and recorded."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core import limits
from navet.core.api import NOT_FOUND, WRITE, Text
from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.decisions.models import ActionItem, Agreement, BoardDecision, Goal, SubGoal
from navet.decisions.selectors import agreement as agreement_selectors
from navet.decisions.selectors import boards as board_selectors
from navet.decisions.services import agreement as agreement_services
from navet.decisions.services import boards as board_services
from navet.needs.api import Code
from navet.needs.selectors import municipality_by_code
from navet.organisations.selectors import consortium_for

router = Router(tags=[gettext_noop("decisions")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Slug = Annotated[str, Bounds(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Value = Annotated[Decimal, Bounds(max_digits=14, decimal_places=2)]
Title = Annotated[Text, Bounds(min_length=1, max_length=300)]
Long = Annotated[Text, Bounds(max_length=limits.TEXT)]


class MeasurementOut(Schema):
    measured_on: date
    value: float
    note: str


class SubGoalOut(Schema):
    id: int
    title: str
    indicator: str
    unit: str
    baseline: float
    baseline_on: date
    target: float
    target_on: date
    measurements: list[MeasurementOut]


class GoalOut(Schema):
    id: int
    title: str
    description: str
    subgoals: list[SubGoalOut]


class ActionOut(Schema):
    id: int
    area: str
    action: str
    responsible_municipality: str | None = Field(
        description=gettext_noop("Municipality code (SCB)")
    )
    responsible_body: str
    due_on: date | None
    status: str = Field(description=gettext_noop("planned, ongoing, done or postponed"))


class AgreementOut(Schema):
    consortium: str = Field(description=gettext_noop("The consortium's short name"))
    title: str
    vision: str
    reference: str = Field(description=gettext_noop("Registration number"))
    adopted_on: date | None
    goals: list[GoalOut]
    actions: list[ActionOut]


def _subgoal_out(subgoal: SubGoal) -> SubGoalOut:
    return SubGoalOut(
        id=subgoal.pk,
        title=subgoal.title,
        indicator=subgoal.indicator,
        unit=subgoal.unit,
        baseline=float(subgoal.baseline),
        baseline_on=subgoal.baseline_on,
        target=float(subgoal.target),
        target_on=subgoal.target_on,
        measurements=[
            MeasurementOut(measured_on=m.measured_on, value=float(m.value), note=m.note)
            for m in subgoal.measurements.all()
        ],
    )


def _goal_out(goal: Goal) -> GoalOut:
    return GoalOut(
        id=goal.pk,
        title=goal.title,
        description=goal.description,
        subgoals=[_subgoal_out(s) for s in goal.subgoals.all()],
    )


def _action_out(item: ActionItem) -> ActionOut:
    return ActionOut(
        id=item.pk,
        area=item.area,
        action=item.action,
        responsible_municipality=item.responsible_municipality.code
        if item.responsible_municipality
        else None,
        responsible_body=item.responsible_body,
        due_on=item.due_on,
        status=item.status,
    )


def _agreement(request: AuthenticatedHttpRequest, slug: str) -> Agreement:
    consortium = consortium_for(request.user, slug)
    agreement = agreement_selectors.agreement_of(consortium)
    if agreement is None:
        raise NotFound(gettext("The consortium has no agreement in Navet."))
    return agreement


@router.get(
    "/consortia/{slug}/agreement",
    response={200: AgreementOut, **NOT_FOUND},
    operation_id="agreement_get",
    summary=gettext_noop(
        "The consortium's agreement: vision, goals with measurable sub-goals and the action plan"
    ),
)
def agreement_get(request: AuthenticatedHttpRequest, slug: Slug) -> AgreementOut:
    return _agreement_out(_agreement(request, slug))


class AgreementIn(Schema):
    title: Title
    vision: Annotated[Long, Bounds(min_length=1)]
    reference: Annotated[Text, Bounds(max_length=60)] = Field(
        "", description=gettext_noop("Registration number")
    )
    adopted_on: date | None = None


@router.put(
    "/consortia/{slug}/agreement",
    response={200: AgreementOut, **WRITE},
    operation_id="agreement_save",
    summary=gettext_noop(
        "Write the consortium's agreement: made the first time, changed after (the consortium's "
        "coordinators)"
    ),
)
def agreement_save(
    request: AuthenticatedHttpRequest, slug: Slug, payload: AgreementIn
) -> AgreementOut:
    agreement = agreement_services.agreement_save(
        actor=request.user, consortium=consortium_for(request.user, slug), **payload.dict()
    )
    return _agreement_out(agreement)


def _agreement_out(agreement: Agreement) -> AgreementOut:
    return AgreementOut(
        consortium=agreement.consortium.slug,
        title=agreement.title,
        vision=agreement.vision,
        reference=agreement.reference,
        adopted_on=agreement.adopted_on,
        goals=[_goal_out(goal) for goal in agreement_selectors.goals_of(agreement)],
        actions=[_action_out(item) for item in agreement_selectors.actions_of(agreement)],
    )


class ProgressOut(Schema):
    subgoal: int
    title: str
    baseline: float
    latest: float | None
    latest_on: date | None
    target: float
    target_on: date
    progress_percent: int | None = Field(
        description=gettext_noop("Share of the way from the baseline to the target")
    )
    expected_percent: int = Field(
        description=gettext_noop("Share of the time to the target date that has passed")
    )
    status: str = Field(description=gettext_noop("no_data, reached, on_track, behind or missed"))


class FollowUpOut(Schema):
    year: int
    as_of: date
    subgoals: list[ProgressOut]
    actions_by_status: dict[str, int]
    overdue_actions: list[int]


class FollowUpQuery(Schema):
    year: int | None = Field(
        None, ge=2000, le=2100, description=gettext_noop("The year (this year if none is given)")
    )


@router.get(
    "/consortia/{slug}/agreement/followup",
    response={200: FollowUpOut, **NOT_FOUND},
    operation_id="agreement_followup",
    summary=gettext_noop(
        "The yearly follow-up for the steering group: progress per sub-goal and the action plan"
    ),
)
def agreement_followup(
    request: AuthenticatedHttpRequest, slug: Slug, query: Query[FollowUpQuery]
) -> FollowUpOut:
    agreement = _agreement(request, slug)
    today = timezone.localdate()
    report = agreement_selectors.followup_of(agreement, query.year or today.year, today)
    counts: dict[str, int] = {}
    for item in report.actions:
        counts[item.status] = counts.get(item.status, 0) + 1
    return FollowUpOut(
        year=report.year,
        as_of=report.as_of,
        subgoals=[
            ProgressOut(
                subgoal=row.subgoal.pk,
                title=row.subgoal.title,
                baseline=float(row.subgoal.baseline),
                latest=float(row.progress.latest.value) if row.progress.latest else None,
                latest_on=row.progress.latest.measured_on if row.progress.latest else None,
                target=float(row.subgoal.target),
                target_on=row.subgoal.target_on,
                progress_percent=row.progress.percent,
                expected_percent=row.progress.expected_percent,
                status=row.progress.status.value,
            )
            for row in report.rows
        ],
        actions_by_status=counts,
        overdue_actions=[item.pk for item in report.overdue],
    )


class MeasurementIn(Schema):
    measured_on: date
    value: Value
    note: Annotated[Text, Bounds(max_length=300)] = ""


@router.post(
    "/subgoals/{subgoal_id}/measurements",
    response={201: MeasurementOut, **WRITE},
    operation_id="measurement_record",
    summary=gettext_noop(
        "Record a sub-goal's value on a day (coordinators); the same day is replaced"
    ),
)
def measurement_record(
    request: AuthenticatedHttpRequest, subgoal_id: Id, payload: MeasurementIn
) -> Status[MeasurementOut]:
    subgoal = agreement_selectors.subgoal_get(request.user, subgoal_id)
    stored = agreement_services.measurement_record(
        actor=request.user,
        subgoal=subgoal,
        measured_on=payload.measured_on,
        value=payload.value,
        note=payload.note,
    )
    return Status(
        201,
        MeasurementOut(measured_on=stored.measured_on, value=float(stored.value), note=stored.note),
    )


# --- writing the goals, sub-goals and action plan (the consortium's coordinators) -----------


class GoalIn(Schema):
    title: Title
    description: Long = ""


class SubGoalIn(Schema):
    title: Title
    indicator: Title
    unit: Annotated[Text, Bounds(max_length=40)] = ""
    baseline: Value
    baseline_on: date
    target: Value = Field(description=gettext_noop("Differs from the baseline"))
    target_on: date


class ActionIn(Schema):
    area: Annotated[Text, Bounds(min_length=1, max_length=200)]
    action: Annotated[Text, Bounds(min_length=1, max_length=20000)]
    status: Literal["planned", "ongoing", "done", "postponed"] = "planned"
    responsible_municipality: Code | None = Field(
        None, description=gettext_noop("A member municipality")
    )
    responsible_body: Annotated[Text, Bounds(max_length=200)] = ""
    due_on: date | None = None


@router.post(
    "/consortia/{slug}/agreement/goals",
    response={201: GoalOut, **WRITE},
    operation_id="goal_create",
    summary=gettext_noop("Add a goal to the agreement (the consortium's coordinators)"),
)
def goal_create(request: AuthenticatedHttpRequest, slug: Slug, payload: GoalIn) -> Status[GoalOut]:
    goal = agreement_services.goal_save(
        actor=request.user,
        agreement=_agreement(request, slug),
        title=payload.title,
        description=payload.description,
    )
    return Status(201, _goal_out(agreement_selectors.goal_get(request.user, goal.pk)))


@router.put(
    "/goals/{goal_id}",
    response={200: GoalOut, **WRITE},
    operation_id="goal_update",
    summary=gettext_noop("Change a goal of the agreement (the consortium's coordinators)"),
)
def goal_update(request: AuthenticatedHttpRequest, goal_id: Id, payload: GoalIn) -> GoalOut:
    goal = agreement_selectors.goal_get(request.user, goal_id)
    agreement_services.goal_save(
        actor=request.user,
        agreement=goal.agreement,
        goal=goal,
        title=payload.title,
        description=payload.description,
    )
    return _goal_out(agreement_selectors.goal_get(request.user, goal_id))


@router.post(
    "/goals/{goal_id}/subgoals",
    response={201: SubGoalOut, **WRITE},
    operation_id="subgoal_create",
    summary=gettext_noop("Add a measurable sub-goal to a goal (the consortium's coordinators)"),
)
def subgoal_create(
    request: AuthenticatedHttpRequest, goal_id: Id, payload: SubGoalIn
) -> Status[SubGoalOut]:
    goal = agreement_selectors.goal_get(request.user, goal_id)
    subgoal = agreement_services.subgoal_save(actor=request.user, goal=goal, **payload.dict())
    return Status(201, _subgoal_out(agreement_selectors.subgoal_get(request.user, subgoal.pk)))


@router.put(
    "/subgoals/{subgoal_id}",
    response={200: SubGoalOut, **WRITE},
    operation_id="subgoal_update",
    summary=gettext_noop("Change a sub-goal (the consortium's coordinators)"),
)
def subgoal_update(
    request: AuthenticatedHttpRequest, subgoal_id: Id, payload: SubGoalIn
) -> SubGoalOut:
    subgoal = agreement_selectors.subgoal_get(request.user, subgoal_id)
    agreement_services.subgoal_save(
        actor=request.user, goal=subgoal.goal, subgoal=subgoal, **payload.dict()
    )
    return _subgoal_out(agreement_selectors.subgoal_get(request.user, subgoal_id))


def _action_values(payload: ActionIn) -> dict[str, Any]:
    values = payload.dict()
    code = values.pop("responsible_municipality")
    values["responsible_municipality"] = municipality_by_code(code) if code else None
    return values


@router.post(
    "/consortia/{slug}/agreement/actions",
    response={201: ActionOut, **WRITE},
    operation_id="action_create",
    summary=gettext_noop("Add an action to the action plan (the consortium's coordinators)"),
)
def action_create(
    request: AuthenticatedHttpRequest, slug: Slug, payload: ActionIn
) -> Status[ActionOut]:
    item = agreement_services.action_save(
        actor=request.user, agreement=_agreement(request, slug), **_action_values(payload)
    )
    return Status(201, _action_out(agreement_selectors.action_get(request.user, item.pk)))


@router.put(
    "/actions/{action_id}",
    response={200: ActionOut, **WRITE},
    operation_id="action_update",
    summary=gettext_noop("Change an action of the action plan (the consortium's coordinators)"),
)
def action_update(request: AuthenticatedHttpRequest, action_id: Id, payload: ActionIn) -> ActionOut:
    item = agreement_selectors.action_get(request.user, action_id)
    agreement_services.action_save(
        actor=request.user, agreement=item.agreement, item=item, **_action_values(payload)
    )
    return _action_out(agreement_selectors.action_get(request.user, action_id))


class BoardDecisionOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    municipality_name: str
    body: str = Field(description=gettext_noop("The board that decided"))
    decided_on: date
    paragraph: str
    reference: str = Field(description=gettext_noop("Registration number"))
    outcome: str = Field(description=gettext_noop("approved, rejected, referred_back or deferred"))
    adjusted_immediately: bool = Field(
        description=gettext_noop("The paragraph is approved at once")
    )

    @staticmethod
    def of(decision: BoardDecision) -> "BoardDecisionOut":
        return BoardDecisionOut(
            municipality=decision.municipality.code,
            municipality_name=decision.municipality.name,
            body=decision.body,
            decided_on=decision.decided_on,
            paragraph=decision.paragraph,
            reference=decision.reference,
            outcome=decision.outcome,
            adjusted_immediately=decision.adjusted_immediately,
        )


@router.get(
    "/projects/{project_id}/board-decisions",
    response={200: list[BoardDecisionOut], **NOT_FOUND},
    operation_id="board_decision_list",
    summary=gettext_noop("The participating municipalities' own board decisions on the project"),
)
def board_decision_list(
    request: AuthenticatedHttpRequest, project_id: Id
) -> list[BoardDecisionOut]:
    project = board_selectors.project_get(request.user, project_id)
    return [
        BoardDecisionOut.of(row.decision)
        for row in board_selectors.board_rows(project)
        if row.decision is not None
    ]


class BoardDecisionIn(Schema):
    municipality: Code
    body: Annotated[Text, Bounds(min_length=1, max_length=200)]
    decided_on: date
    outcome: Literal["approved", "rejected", "referred_back", "deferred"]
    paragraph: Annotated[Text, Bounds(max_length=20)] = ""
    reference: Annotated[Text, Bounds(max_length=60)] = ""
    adjusted_immediately: bool = False


@router.post(
    "/projects/{project_id}/board-decisions",
    response={201: BoardDecisionOut, **WRITE},
    operation_id="board_decision_record",
    summary=gettext_noop(
        "Record a participating municipality's board decision (its contacts, coordinators)"
    ),
)
def board_decision_record(
    request: AuthenticatedHttpRequest, project_id: Id, payload: BoardDecisionIn
) -> Status[BoardDecisionOut]:
    project = board_selectors.project_get(request.user, project_id)
    decision = board_services.board_decision_record(
        actor=request.user,
        project=project,
        municipality=municipality_by_code(payload.municipality),
        body=payload.body,
        decided_on=payload.decided_on,
        outcome=payload.outcome,
        paragraph=payload.paragraph,
        reference=payload.reference,
        adjusted_immediately=payload.adjusted_immediately,
    )
    return Status(201, BoardDecisionOut.of(decision))
