"""API for the economics of the shared resource: a scenario of the cost-sharing model for a
consortium's members, the evaluation of a consortium's year from its projects, and the
resource's time log."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext, gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, Problem, paged
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.economics import costsharing, selectors, services
from navet.economics.costsharing import MAX_SEK
from navet.economics.models import TimeEntry
from navet.organisations.models import Municipality
from navet.organisations.selectors import consortium_for
from navet.projects.selectors import project_get

router = Router(tags=[gettext_noop("economics")])

Slug = Annotated[str, Bounds(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Kronor = Annotated[int, Bounds(ge=0, le=MAX_SEK)]
Percent = Annotated[int, Bounds(ge=0, le=100)]


class ScenarioQuery(Schema):
    consortium: Slug = Field(
        description=gettext_noop("The consortium's short name: its members share the resource")
    )
    cost_sek: Annotated[int, Bounds(ge=1, le=MAX_SEK)] = Field(
        description=gettext_noop("The resource's yearly cost (kr)")
    )
    grants_sek: Kronor = Field(description=gettext_noop("Expected grants a year (kr)"))
    admin_share_percent: Percent = Field(
        0, description=gettext_noop("Share of the grants that may fund administration (%)")
    )
    key: Literal["equal", "population", "base_fee"] = Field(
        "equal",
        description=gettext_noop(
            "Cost key: equal shares, per inhabitant, base fee + per inhabitant"
        ),
    )
    base_share_percent: Percent = Field(
        0, description=gettext_noop("With a base fee: the part of the cost shared equally (%)")
    )


class ShareOut(Schema):
    municipality: str
    code: str = Field(description=gettext_noop("Municipality code (SCB)"))
    cost_sek: int
    grants_sek: int
    net_sek: int


class TotalsOut(Schema):
    cost_sek: int
    grants_sek: int
    net_sek: int


class ScenarioOut(Schema):
    key: str
    resource_cost_sek: int
    expected_grants_sek: int
    admin_share_percent: int
    admin_funded_sek: int = Field(description=gettext_noop("Grants that fund the administration"))
    municipalities: list[ShareOut]
    totals: TotalsOut


class EvaluationQuery(Schema):
    consortium: Slug = Field(description=gettext_noop("The consortium's short name"))
    year: Annotated[int, Bounds(ge=2000, le=2100)]


class EvaluationRowOut(Schema):
    municipality: str
    code: str
    member: bool
    projects: int
    applied_sek: int
    granted_sek: int
    used_sek: int = Field(
        description=gettext_noop(
            "Spent: the expenditures entered; for finished projects without expenditures "
            "granted − repaid"
        )
    )
    repaid_sek: int = Field(description=gettext_noop("Repaid of the granted money"))
    cost_sek: int | None = Field(
        description=gettext_noop("Share of the resource's cost; null without a cost")
    )
    net_sek: int | None = Field(
        description=gettext_noop("Granted − repaid − cost; null without a cost")
    )
    leverage: float | None = Field(
        description=gettext_noop("Kronor granted and kept per krona of cost")
    )


class EvaluationOut(Schema):
    consortium: str
    year: int
    resource_cost_sek: int | None
    key: str | None
    municipalities: list[EvaluationRowOut]
    totals: EvaluationRowOut


def _ratio(value: object) -> float | None:
    return None if value is None else round(float(value), 2)  # type: ignore[arg-type]


@router.get(
    "/economics/scenario",
    response={200: ScenarioOut, 400: Problem, **NOT_FOUND},
    operation_id="economics_scenario",
    summary=gettext_noop("Cost share, grants and net gain per member municipality in a scenario"),
)
def economics_scenario(
    request: AuthenticatedHttpRequest, query: Query[ScenarioQuery]
) -> ScenarioOut:
    consortium = consortium_for(request.user, query.consortium)
    try:
        result = costsharing.compute(
            costsharing.Scenario(
                cost_sek=query.cost_sek,
                grants_sek=query.grants_sek,
                admin_share_percent=query.admin_share_percent,
                members=selectors.members_of(consortium),
                key=costsharing.Key(query.key),
                base_share_percent=query.base_share_percent,
            )
        )
    except costsharing.ScenarioError as error:
        raise DomainError(error.message) from error
    data = costsharing.as_dict(result)
    return ScenarioOut(
        key=query.key,
        resource_cost_sek=query.cost_sek,
        expected_grants_sek=query.grants_sek,
        admin_share_percent=query.admin_share_percent,
        admin_funded_sek=result.admin_funded_sek,
        municipalities=[
            ShareOut(
                municipality=s.member.name,
                code=s.member.code,
                cost_sek=s.cost_sek,
                grants_sek=s.grants_sek,
                net_sek=s.net_sek,
            )
            for s in result.shares
        ],
        totals=TotalsOut(**data["totals"]),  # type: ignore[arg-type]
    )


@router.get(
    "/economics/evaluation",
    response={200: EvaluationOut, **NOT_FOUND},
    operation_id="economics_evaluation",
    summary=gettext_noop(
        "Applied for, granted, share of the cost, net gain and leverage per municipality and year"
    ),
)
def economics_evaluation(
    request: AuthenticatedHttpRequest, query: Query[EvaluationQuery]
) -> EvaluationOut:
    consortium = consortium_for(request.user, query.consortium)
    report = selectors.evaluation(request.user, consortium, query.year)
    cost = report.resource_cost
    return EvaluationOut(
        consortium=consortium.slug,
        year=report.year,
        resource_cost_sek=cost.cost_sek if cost else None,
        key=cost.key if cost else None,
        municipalities=[
            EvaluationRowOut(
                municipality=row.name,
                code=row.code,
                member=row.member,
                projects=row.projects,
                applied_sek=row.applied_sek,
                granted_sek=row.granted_sek,
                used_sek=row.used_sek,
                repaid_sek=row.repaid_sek,
                cost_sek=row.cost_sek,
                net_sek=row.net_sek,
                leverage=_ratio(row.leverage),
            )
            for row in report.rows
        ],
        totals=EvaluationRowOut(
            municipality="",
            code="",
            member=True,
            projects=report.projects,
            applied_sek=report.applied_sek,
            granted_sek=report.granted_sek,
            used_sek=report.used_sek,
            repaid_sek=report.repaid_sek,
            cost_sek=report.cost_sek,
            net_sek=report.net_sek,
            leverage=_ratio(report.leverage),
        ),
    )


Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]


class TimeQuery(Schema):
    consortium: Slug = Field(description=gettext_noop("The consortium's short name"))
    year: Annotated[int, Bounds(ge=2000, le=2100)]


class TimeEntryIn(Schema):
    consortium: Slug = Field(description=gettext_noop("The consortium's short name"))
    municipality: Annotated[str, Bounds(pattern=r"^[0-9]{4}$")] = Field(
        description=gettext_noop("Municipality code (SCB) of a member municipality")
    )
    project: Id | None = Field(
        None, description=gettext_noop("One of the municipality's projects in the consortium")
    )
    worked_on: date
    hours: Annotated[Decimal, Bounds(ge=Decimal("0.25"), le=24, decimal_places=2)]
    note: Annotated[str, Bounds(max_length=300, pattern=r"^[^\x00]*$")] = ""


class TimeEntryOut(Schema):
    id: int
    consortium: str
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    project: int | None
    worked_on: date
    hours: float
    note: str

    @staticmethod
    def of(entry: TimeEntry) -> "TimeEntryOut":
        return TimeEntryOut(
            id=entry.pk,
            consortium=entry.consortium.slug,
            municipality=entry.municipality.code,
            project=entry.project_id,
            worked_on=entry.worked_on,
            hours=float(entry.hours),
            note=entry.note,
        )


@router.get(
    "/economics/time",
    response={200: Page[TimeEntryOut], **NOT_FOUND},
    operation_id="time_entry_list",
    summary=gettext_noop("The resource's time log for a consortium and a year, latest first"),
)
def time_entry_list(
    request: AuthenticatedHttpRequest, query: Query[TimeQuery], page: Query[PageQuery]
) -> Page[TimeEntryOut]:
    consortium = consortium_for(request.user, query.consortium)
    return paged(request, selectors.time_log(consortium, query.year), page, TimeEntryOut.of)


@router.post(
    "/economics/time",
    response={201: TimeEntryOut, **WRITE},
    operation_id="time_entry_create",
    summary=gettext_noop("Log the resource's time for a member municipality (coordinators)"),
)
def time_entry_create(
    request: AuthenticatedHttpRequest, payload: TimeEntryIn
) -> Status[TimeEntryOut]:
    consortium = consortium_for(request.user, payload.consortium)
    municipality = Municipality.objects.filter(code=payload.municipality).first()
    if municipality is None:
        raise NotFound(gettext("No such municipality."))
    project = project_get(request.user, payload.project) if payload.project else None
    entry = services.time_entry_add(
        actor=request.user,
        consortium=consortium,
        municipality=municipality,
        project=project,
        worked_on=payload.worked_on,
        hours=payload.hours,
        note=payload.note,
    )
    return Status(201, TimeEntryOut.of(entry))


@router.delete(
    "/economics/time/{entry_id}",
    response={204: None, **WRITE},
    operation_id="time_entry_delete",
    summary=gettext_noop("Remove a time entry (coordinators)"),
)
def time_entry_delete(request: AuthenticatedHttpRequest, entry_id: Id) -> Status[None]:
    entry = selectors.time_entry_get(request.user, entry_id)
    services.time_entry_delete(actor=request.user, consortium=entry.consortium, entry_id=entry_id)
    return Status(204, None)
