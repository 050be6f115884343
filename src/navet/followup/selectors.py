"""Reads of a project's budget and follow-up. `budget_summary(project)` is what the application
workspace shows of the budget: the lines, the total and what breaks the programme's rules."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from navet.core.text import format_sek, swedish_sort_key
from navet.followup import alerts, budget, burnup, forecast, ledger, report
from navet.followup.budget import Quarter
from navet.followup.models import (
    BudgetLine,
    Category,
    Expenditure,
    Indicator,
    Intervention,
    LedgerImport,
    LedgerMapping,
    ReportDeadline,
)
from navet.organisations.models import Municipality
from navet.projects.models import Project


@dataclass(frozen=True)
class BudgetLineView:
    pk: int
    category: str
    category_label: str
    year: int
    municipality: str | None
    amount_sek: int
    profile: tuple[int, ...]


@dataclass(frozen=True)
class BudgetSummary:
    total_sek: int
    lines: list[BudgetLineView]
    problems: list[str]
    notes: list[str] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    by_municipality: dict[str, int] = field(default_factory=dict)
    grant_sek: int = 0
    cofinancing_sek: int | None = None


def budget_lines(project: Project) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(project=project).select_related("municipality")


def rules_for(project: Project) -> budget.Rules:
    """The rules of the project's programme (through its call, or its own) and its call."""
    call = project.call
    programme = (call.programme if call is not None else None) or project.programme
    cofinancing = programme.cofinancing_percent if programme is not None else None
    if call is not None and call.cofinancing_percent is not None:
        cofinancing = call.cofinancing_percent  # the call is the more precise of the two
    return budget.Rules(
        programme=programme.name if programme is not None else "",
        cofinancing_percent=cofinancing,
        indirect_cost_cap_percent=(
            programme.indirect_cost_cap_percent if programme is not None else None
        ),
        max_duration_months=programme.max_duration_months if programme is not None else None,
        min_amount_sek=call.min_amount_sek if call is not None else None,
        max_amount_sek=call.max_amount_sek if call is not None else None,
    )


def as_budget_line(line: BudgetLine) -> budget.Line:
    return budget.Line(
        category=line.category,
        year=line.year,
        amount_sek=line.amount_sek,
        municipality=line.municipality.name if line.municipality_id else None,  # type: ignore[union-attr]
        profile=tuple(int(amount) for amount in line.profile or ()),
    )


def _project_with_rules(project: Project) -> Project:
    return Project.objects.select_related(
        "owner", "consortium", "programme", "call__programme"
    ).get(pk=project.pk)


def budget_check(project: Project) -> tuple[list[BudgetLine], budget.Summary]:
    """The project's lines and the pure module's verdict on them (three queries)."""
    project = _project_with_rules(project)
    order = list(budget.CATEGORIES)
    lines = sorted(
        budget_lines(project),
        key=lambda line: (
            line.year,
            order.index(line.category) if line.category in order else len(order),
            line.municipality_id is not None,
            swedish_sort_key(line.municipality.name) if line.municipality else "",
        ),
    )
    summary = budget.check(
        [as_budget_line(line) for line in lines],
        rules_for(project),
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        requested_sek=project.requested_sek,
    )
    return lines, summary


def budget_summary(project: Project) -> BudgetSummary:
    """The budget of a project as the application workspace shows it."""
    lines, summary = budget_check(project)
    views = [
        BudgetLineView(
            pk=line.pk,
            category=line.category,
            category_label=line.get_category_display(),
            year=line.year,
            municipality=line.municipality.name if line.municipality is not None else None,
            amount_sek=line.amount_sek,
            profile=tuple(int(amount) for amount in line.profile or ()),
        )
        for line in lines
    ]
    return BudgetSummary(
        total_sek=summary.total_sek,
        lines=views,
        problems=summary.problems,
        notes=summary.notes,
        by_category=summary.by_category,
        by_year=summary.by_year,
        by_municipality=summary.by_municipality,
        grant_sek=summary.grant_sek,
        cofinancing_sek=summary.cofinancing_sek,
    )


@dataclass(frozen=True)
class Grid:
    """The budget as a table of categories × years, every municipality together."""

    years: list[int]
    rows: list[tuple[str, list[int], int]]  # label, amount per year, total
    year_totals: list[int]


def budget_grid(summary: BudgetSummary) -> Grid:
    years = sorted(summary.by_year)
    cells: dict[tuple[str, int], int] = {}
    for line in summary.lines:
        key = (line.category, line.year)
        cells[key] = cells.get(key, 0) + line.amount_sek
    rows = [
        (
            str(category.label),
            [cells.get((category.value, year), 0) for year in years],
            summary.by_category.get(category.value, 0),
        )
        for category in Category
    ]
    return Grid(years=years, rows=rows, year_totals=[summary.by_year[year] for year in years])


def municipality_choices(project: Project) -> QuerySet[Municipality]:
    """The municipalities a budget line may name: the project's participants."""
    return project.participants.order_by("name")


def expenditures_of(project: Project) -> QuerySet[Expenditure]:
    return Expenditure.objects.filter(project=project).select_related(
        "budget_line__municipality", "created_by"
    )


def ledger_mapping(municipality: Municipality) -> LedgerMapping | None:
    return LedgerMapping.objects.filter(municipality=municipality).first()


def ledger_imports(project: Project) -> QuerySet[LedgerImport]:
    return LedgerImport.objects.filter(project=project).select_related("municipality", "created_by")


def indicators_of(project: Project) -> list[Indicator]:
    return list(Indicator.objects.filter(project=project).prefetch_related("measurements"))


def report_deadlines(project: Project) -> list[ReportDeadline]:
    return list(ReportDeadline.objects.filter(project=project))


def interventions_of(project: Project) -> list[Intervention]:
    return list(Intervention.objects.filter(project=project).select_related("created_by"))


@dataclass(frozen=True)
class PreviewRow:
    row: ledger.Row
    line: BudgetLine | None
    problems: tuple[str, ...]


@dataclass(frozen=True)
class LedgerPreview:
    rows: list[PreviewRow]
    header: list[str]
    skipped: list[ledger.Row] = field(default_factory=list)  # sums and headings of the report

    @property
    def bad(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.problems]

    @property
    def total(self) -> Decimal:
        return sum((row.row.amount or Decimal(0) for row in self.rows), Decimal(0))


def mapping_of(stored: LedgerMapping) -> ledger.Mapping:
    return ledger.Mapping(
        date_column=stored.date_column,
        amount_column=stored.amount_column,
        account_column=stored.account_column,
        text_column=stored.text_column,
        reference_column=stored.reference_column,
        accounts=dict(stored.accounts),
    )


def ledger_preview(
    project: Project, municipality: Municipality, sheet: ledger.Sheet, mapping: ledger.Mapping
) -> LedgerPreview:
    """Each row of a ledger export with the budget line it lands on and what is wrong with it:
    a line of the municipality, else a line of the whole project, for the category and year."""
    lines = list(BudgetLine.objects.filter(project=project).select_related("municipality"))
    own = {(x.category, x.year): x for x in lines if x.municipality_id == municipality.pk}
    shared = {(x.category, x.year): x for x in lines if x.municipality_id is None}
    booked = set(
        Expenditure.objects.filter(project=project)
        .exclude(reference="")
        .values_list("budget_line_id", "spent_on", "amount", "reference")
    )
    rows, skipped = [], []
    for row in ledger.read_rows(sheet, mapping):
        if row.summary:
            skipped.append(row)
            continue
        problems = list(row.problems)
        line = None
        if row.spent_on is not None and row.category is not None:
            key = (row.category, row.spent_on.year)
            line = own.get(key) or shared.get(key)
            if line is None:
                problems.append(
                    f"Budgeten har ingen post för {budget.CATEGORIES[row.category].lower()} "
                    f"{row.spent_on.year} ({municipality.name} eller hela projektet)."
                )
        if row.spent_on is not None and (
            (project.starts_on and row.spent_on < project.starts_on)
            or (project.ends_on and row.spent_on > project.ends_on)
        ):
            problems.append(f"{row.spent_on.isoformat()} ligger utanför projektperioden.")
        if (
            line is not None
            and row.reference
            and (line.pk, row.spent_on, row.amount, row.reference) in booked
        ):
            problems.append(f"Verifikation {row.reference} är redan registrerad.")
        rows.append(PreviewRow(row=row, line=line, problems=tuple(problems)))
    return LedgerPreview(rows=rows, header=sheet.header, skipped=skipped)


@dataclass
class Inputs:
    """What the follow-up of one project is computed from, loaded in a fixed number of queries."""

    project: Project
    lines: list[BudgetLine]
    summary: budget.Summary
    expenditures: list[tuple[forecast.LineKey, date, Decimal]]
    indicators: list[Indicator]
    reports: list[ReportDeadline]
    grant_share: Decimal


@dataclass(frozen=True)
class Followup:
    inputs: Inputs
    result: forecast.Result
    alerts: list[alerts.Alert]
    labels: dict[forecast.LineKey, str]


def followup_inputs(project: Project) -> Inputs:
    lines, summary = budget_check(project)
    by_pk = {line.pk: as_budget_line(line).key for line in lines}
    spent = [
        (by_pk[line_id], spent_on, amount)
        for line_id, spent_on, amount in Expenditure.objects.filter(project=project).values_list(
            "budget_line_id", "spent_on", "amount"
        )
    ]
    rules = rules_for(_project_with_rules(project))
    share = Decimal(1) - (rules.cofinancing_percent or Decimal(0)) / 100
    return Inputs(
        project=project,
        lines=lines,
        summary=summary,
        expenditures=spent,
        indicators=indicators_of(project),
        reports=report_deadlines(project),
        grant_share=share,
    )


def _indicator_status(indicator: Indicator, as_of: date) -> alerts.IndicatorStatus:
    measured = [m for m in indicator.measurements.all() if m.measured_on <= as_of]
    latest = measured[-1] if measured else None
    return alerts.IndicatorStatus(
        key=str(indicator.pk),
        name=indicator.name,
        baseline=indicator.baseline,
        target=indicator.target,
        latest=latest.value if latest else None,
        latest_on=latest.measured_on if latest else None,
    )


def follow_on(inputs: Inputs, as_of: date) -> Followup | None:
    """Budget against actual, the forecast and the alerts on `as_of`; None without a period."""
    project = inputs.project
    if project.starts_on is None or project.ends_on is None:
        return None
    result = forecast.follow(
        plan=inputs.summary.plan,
        budgets={as_budget_line(line).key: line.amount_sek for line in inputs.lines},
        actuals=inputs.expenditures,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        as_of=as_of,
        granted_sek=project.granted_sek,
        grant_share=inputs.grant_share,
    )
    found = alerts.alerts_on(
        result,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        indicators=[_indicator_status(i, as_of) for i in inputs.indicators],
        reports=[
            alerts.ReportStatus(
                key=str(report.pk),
                label=str(report.get_kind_display()),
                due_on=report.due_on,
                submitted=report.submitted_on is not None and report.submitted_on <= as_of,
            )
            for report in inputs.reports
        ],
    )
    labels = {}
    for line in inputs.lines:
        label = f"{line.get_category_display()} {line.year}"
        if line.municipality is not None:
            label += f" ({line.municipality.name})"
        labels[as_budget_line(line).key] = label
    return Followup(inputs=inputs, result=result, alerts=found, labels=labels)


def followup_of(project: Project, as_of: date | None = None) -> Followup | None:
    return follow_on(followup_inputs(project), as_of or timezone.localdate())


@dataclass(frozen=True)
class Raised:
    on: date
    alert: alerts.Alert


def alert_history(inputs: Inputs, until: date) -> list[Raised]:
    """The alerts Navet raises over the project's period, checked every week and at every
    month's end up to `until`, each on the first day it appeared: what it would have told, and
    when."""
    project = inputs.project
    if project.starts_on is None or project.ends_on is None:
        return []
    last = min(until, project.ends_on + timedelta(days=60))
    weekly = {
        project.starts_on + timedelta(days=7 * n)
        for n in range((last - project.starts_on).days // 7 + 1)
    }
    days = sorted(d for d in weekly | set(alerts.month_ends(project.starts_on, last)) if d <= until)
    told: set[str] = set()
    raised = []
    for day in days:
        followup = follow_on(inputs, day)
        for alert in followup.alerts if followup else []:
            if alert.key not in told:
                told.add(alert.key)
                raised.append(Raised(on=day, alert=alert))
    return raised


def _number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} {unit}".strip()


def _swedish_label(key: forecast.LineKey) -> str:
    """The report is written in Swedish for the funder, whatever the reader's language."""
    category, year, municipality = key
    label = f"{budget.CATEGORIES.get(category, category)} {year}"
    return f"{label} ({municipality})" if municipality else label


def report_data(followup: Followup, kind: str) -> report.ReportData:
    project = followup.inputs.project
    result = followup.result
    call = project.call
    funder = (call.funder if call is not None else None) or project.funder
    programme = (call.programme if call is not None else None) or project.programme
    indicators = []
    for indicator in followup.inputs.indicators:
        measured = list(indicator.measurements.all())
        latest = (
            f"{_number(measured[-1].value, indicator.unit)} ({measured[-1].measured_on})"
            if measured
            else "–"
        )
        indicators.append(
            report.IndicatorRow(
                name=indicator.name,
                baseline=_number(indicator.baseline, indicator.unit),
                target=_number(indicator.target, indicator.unit),
                latest=latest,
            )
        )
    return report.ReportData(
        kind=kind,
        title=project.title,
        owner=project.owner.name,
        participants=[m.name for m in project.participants.all()],
        funder=funder.name if funder is not None else "",
        programme=programme.name if programme is not None else "",
        period=f"{project.starts_on} – {project.ends_on}",
        as_of=result.as_of,
        description=project.description,
        granted_sek=project.granted_sek,
        budget_sek=result.budget_sek,
        actual=result.actual,
        forecast_sek=result.forecast_sek,
        at_risk_sek=result.at_risk_sek,
        lines=[
            report.LineRow(
                label=_swedish_label(line.key),
                budget_sek=line.budget_sek,
                actual=line.actual,
                forecast_sek=line.forecast_sek,
            )
            for line in result.lines
        ],
        indicators=indicators,
        interventions=[
            (i.occurred_on, i.reason, i.action) for i in reversed(interventions_of(project))
        ],
    )


def burnup_of(followup: Followup) -> burnup.Layout:
    result = followup.result
    today = Quarter.of(result.as_of)
    periods = result.periods
    return burnup.layout(
        quarters=[str(p.quarter) for p in periods],
        planned=[p.cumulative_planned_sek for p in periods],
        actual=[p.cumulative_actual for p in periods if p.quarter <= today],
        budget=result.budget_sek,
        forecast=result.forecast_sek,
        format_amount=format_sek,
    )
