"""Budget against actual, the forecast, the alerts and their history, the report's data and the
burn-up chart of a project."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from navet.core.models import User
from navet.core.text import Message, format_sek, swedish_sort_key
from navet.followup import alerts, budget, burnup, forecast
from navet.followup.budget import Quarter
from navet.followup.models import (
    BudgetLine,
    Expenditure,
    Indicator,
    ReportDeadline,
)
from navet.followup.selectors.budget import (
    as_budget_line,
    budget_lines,
    check_lines,
    indicators_of,
    project_with_rules,
    report_deadlines,
    rules_for,
)
from navet.organisations.models import Consortium
from navet.organisations.selectors import consortium_for
from navet.projects import lifecycle
from navet.projects.models import Project
from navet.projects.permissions import projects_for


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
    labels: dict[forecast.LineKey, Message]


def followup_inputs(project: Project) -> Inputs:
    with_rules = project_with_rules(project)
    checked = check_lines(with_rules, list(budget_lines(with_rules)))
    spent = Expenditure.objects.filter(project=project).values_list(
        "budget_line_id", "spent_on", "amount"
    )
    inputs = _inputs(
        with_rules,
        checked,
        list(spent),
        indicators=indicators_of(project),
        reports=report_deadlines(project),
    )
    inputs.project = project  # the caller's instance, with what it has loaded
    return inputs


def _inputs(
    project: Project,
    checked: tuple[list[BudgetLine], budget.Summary],
    spent: list[tuple[int, date, Decimal]],
    *,
    indicators: list[Indicator],
    reports: list[ReportDeadline],
) -> Inputs:
    """`project` with its call and programmes loaded; `spent` as (line id, date, amount)."""
    lines, summary = checked
    by_pk = {line.pk: as_budget_line(line).key for line in lines}
    rules = rules_for(project)
    return Inputs(
        project=project,
        lines=lines,
        summary=summary,
        expenditures=[(by_pk[line_id], day, amount) for line_id, day, amount in spent],
        indicators=indicators,
        reports=reports,
        grant_share=Decimal(1) - (rules.cofinancing_percent or Decimal(0)) / 100,
    )


@dataclass(frozen=True)
class PortfolioFollowup:
    rows: list[tuple[Project, forecast.Result]]
    total: forecast.Portfolio
    without_budget: list[Project]  # no budget lines or no period: nothing to follow up yet


def portfolio_followup(projects: list[Project], as_of: date) -> PortfolioFollowup:
    """Each project's budget against actual and the portfolio's sum, in three queries whatever
    the number of projects. `projects` come with their call and programmes loaded."""
    dated = [p for p in projects if p.starts_on is not None and p.ends_on is not None]
    lines: dict[int, list[BudgetLine]] = {p.pk: [] for p in dated}
    for line in BudgetLine.objects.filter(project__in=dated).select_related("municipality"):
        lines[line.project_id].append(line)
    spent: dict[int, list[tuple[int, date, Decimal]]] = {p.pk: [] for p in dated}
    for project_id, line_id, day, amount in Expenditure.objects.filter(
        project__in=dated
    ).values_list("project_id", "budget_line_id", "spent_on", "amount"):
        spent[project_id].append((line_id, day, amount))
    results = []
    without_budget = [p for p in projects if p.pk not in lines or not lines[p.pk]]
    for project in dated:
        if not lines[project.pk]:
            continue
        inputs = _inputs(
            project,
            check_lines(project, lines[project.pk]),
            spent[project.pk],
            indicators=[],
            reports=[],
        )
        followed = follow_on(inputs, as_of)
        if followed is not None:
            results.append((project, followed.result))
    return PortfolioFollowup(
        rows=results,
        total=forecast.combine(result for _, result in results),
        without_budget=without_budget,
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
                label=report.get_kind_display(),
                due_on=report.due_on,
                submitted=report.submitted_on is not None and report.submitted_on <= as_of,
            )
            for report in inputs.reports
        ],
    )
    labels = {key: budget.line_name(key) for key in (as_budget_line(x).key for x in inputs.lines)}
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


def burnup_of(followup: Followup) -> burnup.Layout:
    result = followup.result
    return chart_of(result.periods, result.as_of, result.budget_sek, result.forecast_sek)


def chart_of(
    periods: tuple[forecast.Period, ...], as_of: date, budget_sek: int, forecast_sek: int
) -> burnup.Layout:
    """The burn-up chart of a project's or a portfolio's quarters, spending drawn up to today."""
    today = Quarter.of(as_of)
    return burnup.layout(
        quarters=[str(p.quarter) for p in periods],
        planned=[p.cumulative_planned_sek for p in periods],
        actual=[p.cumulative_actual for p in periods if p.quarter <= today],
        budget=budget_sek,
        forecast=forecast_sek,
        format_amount=format_sek,
    )


def portfolio_of(actor: User, slug: str) -> tuple[Consortium, list[Project]]:
    """A consortium the actor sees and its projects with a grant that are not yet finished
    (granted or running), with what their budget rules need; "not found" and "not allowed"
    answer the same."""
    consortium = consortium_for(actor, slug)
    projects = (
        projects_for(actor)
        .filter(consortium=consortium, status__in=[lifecycle.GRANTED, lifecycle.RUNNING])
        .select_related("owner", "consortium", "programme", "call__programme")
    )
    return consortium, sorted(projects, key=lambda p: swedish_sort_key(p.title))
