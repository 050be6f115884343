"""API for a consortium's agreement and the municipalities' own decisions on a project, with the
pages' rules: the agreement with its goals, sub-goals, measurements and action plan; the yearly
follow-up with the progress per sub-goal; recording a measurement; each participating
municipality's board decision, read and recorded."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Text
from navet.core.errors import NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.decisions.models import Agreement, BoardDecision
from navet.decisions.selectors import agreement as agreement_selectors
from navet.decisions.selectors import boards as board_selectors
from navet.decisions.services import agreement as agreement_services
from navet.decisions.services import boards as board_services
from navet.needs.api import Code
from navet.needs.selectors import municipality_by_code

router = Router(tags=["beslut"])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
Slug = Annotated[str, Bounds(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Value = Annotated[Decimal, Bounds(max_digits=14, decimal_places=2)]


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
    responsible_municipality: str | None = Field(description="Kommunkod (SCB)")
    responsible_body: str
    due_on: date | None
    status: str = Field(description="planned, ongoing, done eller postponed")


class AgreementOut(Schema):
    consortium: str = Field(description="Samverkans kortnamn")
    title: str
    vision: str
    reference: str = Field(description="Diarienummer")
    adopted_on: date | None
    goals: list[GoalOut]
    actions: list[ActionOut]


def _agreement(request: AuthenticatedHttpRequest, slug: str) -> Agreement:
    consortium = agreement_selectors.consortium_for_agreement(request.user, slug)
    agreement = agreement_selectors.agreement_of(consortium)
    if agreement is None:
        raise NotFound("Samverkan har ingen överenskommelse i Navet.")
    return agreement


@router.get(
    "/consortia/{slug}/agreement",
    response={200: AgreementOut, **NOT_FOUND},
    operation_id="agreement_get",
    summary="Samverkansöverenskommelsen: vision, mål med mätbara delmål och handlingsplan",
)
def agreement_get(request: AuthenticatedHttpRequest, slug: Slug) -> AgreementOut:
    agreement = _agreement(request, slug)
    return AgreementOut(
        consortium=agreement.consortium.slug,
        title=agreement.title,
        vision=agreement.vision,
        reference=agreement.reference,
        adopted_on=agreement.adopted_on,
        goals=[
            GoalOut(
                id=goal.pk,
                title=goal.title,
                description=goal.description,
                subgoals=[
                    SubGoalOut(
                        id=s.pk,
                        title=s.title,
                        indicator=s.indicator,
                        unit=s.unit,
                        baseline=float(s.baseline),
                        baseline_on=s.baseline_on,
                        target=float(s.target),
                        target_on=s.target_on,
                        measurements=[
                            MeasurementOut(
                                measured_on=m.measured_on, value=float(m.value), note=m.note
                            )
                            for m in s.measurements.all()
                        ],
                    )
                    for s in goal.subgoals.all()
                ],
            )
            for goal in agreement_selectors.goals_of(agreement)
        ],
        actions=[
            ActionOut(
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
            for item in agreement_selectors.actions_of(agreement)
        ],
    )


class ProgressOut(Schema):
    subgoal: int
    title: str
    baseline: float
    latest: float | None
    latest_on: date | None
    target: float
    target_on: date
    progress_percent: int | None = Field(description="Andel av vägen från utgångs- till målvärde")
    expected_percent: int = Field(description="Andel av tiden till måldatum som har gått")
    status: str = Field(description="no_data, reached, on_track, behind eller missed")


class FollowUpOut(Schema):
    year: int
    as_of: date
    subgoals: list[ProgressOut]
    actions_by_status: dict[str, int]
    overdue_actions: list[int]


class FollowUpQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Året (i år om inget anges)")


@router.get(
    "/consortia/{slug}/agreement/followup",
    response={200: FollowUpOut, **NOT_FOUND},
    operation_id="agreement_followup",
    summary="Årlig uppföljning till styrgruppen: måluppfyllelse per delmål och handlingsplanen",
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
    summary="Registrera ett delmåls värde en dag (samverkans samordnare); samma dag ersätts",
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


class BoardDecisionOut(Schema):
    municipality: str = Field(description="Kommunkod (SCB)")
    municipality_name: str
    body: str = Field(description="Nämnden som beslutade")
    decided_on: date
    paragraph: str
    reference: str = Field(description="Diarienummer")
    outcome: str = Field(description="approved, rejected, referred_back eller deferred")
    adjusted_immediately: bool = Field(description="Paragrafen justeras omedelbart")

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
    summary="De deltagande kommunernas egna nämndbeslut om projektet",
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
    summary="Registrera en deltagande kommuns nämndbeslut (kommunens kontakter, samordnare)",
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
