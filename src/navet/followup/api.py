"""API for a project's budget and follow-up, with the same rules as the pages: the budget with
the programme's rules, budget against actual with the forecast and the warnings, expenditures
and the coordinator's interventions."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field as Bounds

from navet.core.api import NOT_FOUND, WRITE, Page, PageQuery, paged
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.uploads import validate_upload
from navet.followup import selectors, services
from navet.followup.models import Expenditure, Intervention
from navet.needs.selectors import municipality_by_code
from navet.projects.selectors import project_get

router = Router(tags=[gettext_noop("follow-up")])

Id = Annotated[int, Bounds(ge=1, le=2**63 - 1)]
CategoryValue = Literal["staff", "services", "premises", "travel", "materials", "indirect"]
Code = Annotated[str, Field(pattern=r"^\d{4}$")]
Line = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
Long = Annotated[str, Field(max_length=20000, pattern=r"^[^\x00]*$")]
Kronor = Annotated[int, Bounds(ge=0, le=10**12)]
Amount = Annotated[Decimal, Bounds(gt=-(10**12), lt=10**12, decimal_places=2)]


class BudgetLineOut(Schema):
    id: int
    category: str = Field(description="staff, services, premises, travel, materials, indirect")
    category_label: str
    year: int
    municipality: str | None = Field(
        description=gettext_noop("Participating municipality; empty for the whole project")
    )
    amount_sek: int
    profile: list[int] = Field(
        description=gettext_noop("Planned per quarter; empty: spread evenly")
    )


class BudgetOut(Schema):
    total_sek: int
    grant_sek: int = Field(
        description=gettext_noop(
            "What is applied for from the funder: the budget less co-financing"
        )
    )
    cofinancing_sek: int | None = Field(
        description=gettext_noop("Co-financing; empty when the requirement is unknown")
    )
    lines: list[BudgetLineOut]
    problems: list[str] = Field(
        description=gettext_noop("What breaks the rules of the programme and of the call")
    )
    notes: list[str] = Field(
        description=gettext_noop("Rules that are not verified and therefore not checked")
    )


class AmountIn(Schema):
    category: CategoryValue
    year: Annotated[int, Bounds(ge=2000, le=2100)]
    amount_sek: Kronor | None = Field(description=gettext_noop("0 or empty removes the line"))


class BudgetIn(Schema):
    municipality: Code | None = Field(
        None, description=gettext_noop("Municipality code; empty for the whole project")
    )
    amounts: list[AmountIn] = Field(max_length=200)


class AlertOut(Schema):
    kind: str = Field(
        description="underspend, overspend, line_over_budget, indicator_behind, report_due"
    )
    reason: str
    action: str = Field(description=gettext_noop("Suggested action"))


class LineResultOut(Schema):
    category: str
    year: int
    municipality: str | None
    budget_sek: int
    planned_to_date_sek: int
    actual_sek: Decimal
    forecast_sek: int
    over_budget: bool


class PeriodOut(Schema):
    quarter: str = Field(description=gettext_noop("Quarter, e.g. 2025 kv1"))
    planned_sek: int
    actual_sek: Decimal
    cumulative_planned_sek: int
    cumulative_actual_sek: Decimal


class FollowupOut(Schema):
    as_of: date
    through: date = Field(
        description=gettext_noop("The comparison runs up to and including the last closed month")
    )
    budget_sek: int
    grant_sek: int
    planned_to_date_sek: int
    actual_sek: Decimal
    pace: Decimal | None = Field(
        description=gettext_noop("Actual divided by plan so far; empty when it is too early")
    )
    forecast_sek: int = Field(description=gettext_noop("Forecast at the project's end"))
    at_risk_sek: int = Field(description=gettext_noop("Granted money the forecast leaves unused"))
    lines: list[LineResultOut]
    periods: list[PeriodOut]
    alerts: list[AlertOut]


class ExpenditureOut(Schema):
    id: int
    budget_line: int
    spent_on: date
    amount: Decimal
    description: str
    reference: str
    source: str = Field(description=gettext_noop("manual or ledger"))


class ExpenditureIn(Schema):
    budget_line: Id
    spent_on: date
    amount: Amount = Field(description=gettext_noop("Kronor with öre; negative for a correction"))
    description: Line = ""
    reference: Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")] = ""


class InterventionOut(Schema):
    id: int
    occurred_on: date
    reason: str
    action: str
    recorded_by: str


class InterventionIn(Schema):
    occurred_on: date
    reason: Line = Field(min_length=1)
    action: Long = Field(min_length=1)


def _budget_out(project_id: int, request: AuthenticatedHttpRequest) -> BudgetOut:
    summary = selectors.budget_summary(project_get(request.user, project_id))
    return BudgetOut(
        total_sek=summary.total_sek,
        grant_sek=summary.grant_sek,
        cofinancing_sek=summary.cofinancing_sek,
        lines=[
            BudgetLineOut(
                id=line.pk,
                category=line.category,
                category_label=line.category_label,
                year=line.year,
                municipality=line.municipality,
                amount_sek=line.amount_sek,
                profile=list(line.profile),
            )
            for line in summary.lines
        ],
        problems=[str(problem) for problem in summary.problems],
        notes=[str(note) for note in summary.notes],
    )


def _expenditure_out(expenditure: Expenditure) -> ExpenditureOut:
    return ExpenditureOut(
        id=expenditure.pk,
        budget_line=expenditure.budget_line_id,
        spent_on=expenditure.spent_on,
        amount=expenditure.amount,
        description=expenditure.description,
        reference=expenditure.reference,
        source=expenditure.source,
    )


def _intervention_out(intervention: Intervention) -> InterventionOut:
    who = intervention.created_by
    return InterventionOut(
        id=intervention.pk,
        occurred_on=intervention.occurred_on,
        reason=intervention.reason,
        action=intervention.action,
        recorded_by=who.username if who is not None else "",
    )


@router.get(
    "/projects/{project_id}/budget",
    response={200: BudgetOut, **NOT_FOUND},
    operation_id="budget_get",
    summary=gettext_noop("A project's budget with totals and the programme's rules"),
)
def budget_get(request: AuthenticatedHttpRequest, project_id: Id) -> BudgetOut:
    return _budget_out(project_id, request)


@router.put(
    "/projects/{project_id}/budget",
    response={200: BudgetOut, **WRITE},
    operation_id="budget_set",
    summary=gettext_noop(
        "Set the budget of the project or of a participating municipality per category and year"
    ),
)
def budget_set(request: AuthenticatedHttpRequest, project_id: Id, payload: BudgetIn) -> BudgetOut:
    project = project_get(request.user, project_id)
    municipality = None
    if payload.municipality is not None:
        municipality = (
            selectors.municipality_choices(project).filter(code=payload.municipality).first()
        )
        if municipality is None:
            raise DomainError(gettext("The municipality does not take part in the project."))
    services.budget_set(
        actor=request.user,
        project=project,
        municipality=municipality,
        amounts={(a.category, a.year): a.amount_sek for a in payload.amounts},
    )
    return _budget_out(project_id, request)


@router.get(
    "/projects/{project_id}/followup",
    response={200: FollowupOut, **NOT_FOUND},
    operation_id="followup_get",
    summary=gettext_noop(
        "Budget against actual, forecast, amount at risk of repayment and today's warnings"
    ),
)
def followup_get(request: AuthenticatedHttpRequest, project_id: Id) -> FollowupOut:
    followup = selectors.followup_of(project_get(request.user, project_id))
    if followup is None:
        raise NotFound(gettext("The project has no period yet, so there is nothing to follow up."))
    result = followup.result
    return FollowupOut(
        as_of=result.as_of,
        through=result.through,
        budget_sek=result.budget_sek,
        grant_sek=result.grant_sek,
        planned_to_date_sek=result.planned_to_date,
        actual_sek=result.actual,
        pace=round(result.pace, 4) if result.pace is not None else None,
        forecast_sek=result.forecast_sek,
        at_risk_sek=result.at_risk_sek,
        lines=[
            LineResultOut(
                category=line.key[0],
                year=line.key[1],
                municipality=line.key[2] or None,
                budget_sek=line.budget_sek,
                planned_to_date_sek=line.planned_to_date,
                actual_sek=line.actual,
                forecast_sek=line.forecast_sek,
                over_budget=line.over_budget,
            )
            for line in result.lines
        ],
        periods=[
            PeriodOut(
                quarter=str(p.quarter),
                planned_sek=p.planned_sek,
                actual_sek=p.actual,
                cumulative_planned_sek=p.cumulative_planned_sek,
                cumulative_actual_sek=p.cumulative_actual,
            )
            for p in result.periods
        ],
        alerts=[
            AlertOut(kind=a.kind, reason=str(a.reason), action=str(a.action))
            for a in followup.alerts
        ],
    )


@router.get(
    "/projects/{project_id}/expenditures",
    response={200: Page[ExpenditureOut], **NOT_FOUND},
    operation_id="expenditure_list",
    summary=gettext_noop("A project's expenditures, in date order"),
)
def expenditure_list(
    request: AuthenticatedHttpRequest, project_id: Id, page: Query[PageQuery]
) -> Page[ExpenditureOut]:
    project = project_get(request.user, project_id)
    return paged(request, selectors.expenditures_of(project), page, _expenditure_out)


@router.post(
    "/projects/{project_id}/expenditures",
    response={201: ExpenditureOut, **WRITE},
    operation_id="expenditure_create",
    summary=gettext_noop("Enter an expenditure on a budget line"),
)
def expenditure_create(
    request: AuthenticatedHttpRequest, project_id: Id, payload: ExpenditureIn
) -> Status[ExpenditureOut]:
    project = project_get(request.user, project_id)
    line = selectors.budget_lines(project).filter(pk=payload.budget_line).first()
    if line is None:
        raise DomainError(gettext("The project has no such budget line."))
    expenditure = services.expenditure_add(
        actor=request.user,
        project=project,
        budget_line=line,
        spent_on=payload.spent_on,
        amount=payload.amount,
        description=payload.description,
        reference=payload.reference,
    )
    return Status(201, _expenditure_out(expenditure))


@router.get(
    "/projects/{project_id}/interventions",
    response={200: Page[InterventionOut], **NOT_FOUND},
    operation_id="intervention_list",
    summary=gettext_noop("The coordinator's interventions in the project, latest first"),
)
def intervention_list(
    request: AuthenticatedHttpRequest, project_id: Id, page: Query[PageQuery]
) -> Page[InterventionOut]:
    project = project_get(request.user, project_id)
    return paged(request, selectors.interventions_of(project), page, _intervention_out)


@router.post(
    "/projects/{project_id}/interventions",
    response={201: InterventionOut, **WRITE},
    operation_id="intervention_create",
    summary=gettext_noop("Record an intervention when results or money fall behind (coordinators)"),
)
def intervention_create(
    request: AuthenticatedHttpRequest, project_id: Id, payload: InterventionIn
) -> Status[InterventionOut]:
    project = project_get(request.user, project_id)
    intervention = services.intervention_record(
        actor=request.user,
        project=project,
        occurred_on=payload.occurred_on,
        reason=payload.reason,
        action=payload.action,
    )
    return Status(201, _intervention_out(intervention))


# --- the ledger import -------------------------------------------------------------------------


class LedgerImportOut(Schema):
    id: int
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    filename: str
    rows: int = Field(description=gettext_noop("Rows stored as expenditures"))
    total: Decimal = Field(description=gettext_noop("The sum of the rows stored (kr)"))
    already_there: int = Field(description=gettext_noop("Rows an earlier import stored already"))
    set_aside: int = Field(
        description=gettext_noop("Rows without a budget line, which a later import takes in")
    )
    created_at: datetime


Column = Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]
Account = Annotated[str, Field(pattern=r"^\d{1,20}$")]


class LedgerMappingIn(Schema):
    municipality: Code = Field(
        description=gettext_noop("The participating municipality whose ledger is read so")
    )
    date_column: Column = Field(min_length=1, description=gettext_noop("Column header"))
    amount_column: Column = Field(
        min_length=1, description=gettext_noop("Column header; the debit column beside a credit")
    )
    account_column: Column = Field(min_length=1, description=gettext_noop("Column header"))
    text_column: Column = ""
    reference_column: Column = Field("", description=gettext_noop("The voucher's column"))
    credit_column: Column = Field(
        "", description=gettext_noop("Only for separate debit and credit columns")
    )
    accounts: dict[Account, CategoryValue] = Field(
        min_length=1,
        max_length=500,
        description=gettext_noop(
            "Account prefix → cost category; the longest matching prefix decides"
        ),
    )


class LedgerMappingOut(Schema):
    municipality: str = Field(description=gettext_noop("Municipality code (SCB)"))
    date_column: str
    amount_column: str
    account_column: str
    text_column: str
    reference_column: str
    credit_column: str
    accounts: dict[str, str]


@router.put(
    "/projects/{project_id}/ledger-mapping",
    response={200: LedgerMappingOut, **WRITE},
    operation_id="ledger_mapping_set",
    summary=gettext_noop(
        "Choose how a participating municipality's ledger export is read: its columns and which "
        "accounts are which cost category (remembered for every later file)"
    ),
)
def ledger_mapping_set(
    request: AuthenticatedHttpRequest, project_id: Id, payload: LedgerMappingIn
) -> LedgerMappingOut:
    stored = services.ledger_mapping_set(
        actor=request.user,
        project=project_get(request.user, project_id),
        **payload.dict(exclude={"municipality"}),
        municipality=municipality_by_code(payload.municipality),
    )
    return LedgerMappingOut(
        municipality=stored.municipality.code,
        date_column=stored.date_column,
        amount_column=stored.amount_column,
        account_column=stored.account_column,
        text_column=stored.text_column,
        reference_column=stored.reference_column,
        credit_column=stored.credit_column,
        accounts=stored.accounts,
    )


class LedgerImportIn(Schema):
    municipality: Code = Field(
        description=gettext_noop("The participating municipality whose ledger the file comes from")
    )


@router.post(
    "/projects/{project_id}/ledger-imports",
    response={201: LedgerImportOut, **WRITE},
    operation_id="ledger_import",
    summary=gettext_noop(
        "Import a municipality's ledger export (.xlsx or .csv) by its remembered columns: "
        "the rows not imported before become expenditures"
    ),
)
def ledger_import(
    request: AuthenticatedHttpRequest,
    project_id: Id,
    payload: Form[LedgerImportIn],
    file: File[UploadedFile],
) -> Status[LedgerImportOut]:
    project = project_get(request.user, project_id)
    try:
        validate_upload(file)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    batch = services.ledger_import(
        actor=request.user,
        project=project,
        municipality=municipality_by_code(payload.municipality),
        filename=file.name or "",
        content=file.read(),
    )
    return Status(
        201,
        LedgerImportOut(
            id=batch.pk,
            municipality=batch.municipality.code,
            filename=batch.filename,
            rows=batch.rows,
            total=batch.total,
            already_there=batch.already_there,
            set_aside=batch.set_aside,
            created_at=batch.created_at,
        ),
    )
