"""Budget against actual: per line and quarter, the pace of spending, the forecast at
completion and the amount at risk of repayment. No Django here.

The forecast follows the planned spending profile rather than a straight line: what each line
still plans to spend is scaled by the project's pace so far (actual ÷ planned to date, over all
lines together). One purchase made early or late on one line does not swing the forecast; a
project that spends four fifths of its plan month after month is forecast to spend four fifths of
what remains. Once the period is over the forecast is what was spent.

Ledgers book salaries and invoices at the end of the month, so the comparison runs through the
last closed month: on 2023-03-15 it compares the plan and the expenditures through 2023-02-28.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from navet.followup.budget import Quarter, quarters_between, round_kronor

LineKey = tuple[str, int, str]
# Below this share of the plan spent to date, the pace is too uncertain to extrapolate.
MIN_PLANNED_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class LineResult:
    key: LineKey
    budget_sek: int
    planned_to_date: int
    actual: Decimal
    forecast_sek: int

    @property
    def over_budget(self) -> bool:
        return self.actual > self.budget_sek


@dataclass(frozen=True)
class Period:
    quarter: Quarter
    planned_sek: int
    actual: Decimal
    cumulative_planned_sek: int
    cumulative_actual: Decimal


@dataclass(frozen=True)
class Result:
    as_of: date
    through: date  # the last closed month's end: what the comparison counts
    budget_sek: int
    planned_to_date: int
    actual: Decimal
    pace: Decimal | None  # actual ÷ planned to date; None while too little is planned
    forecast_sek: int
    grant_sek: int
    funded_forecast_sek: int  # the part of the forecast the funder pays
    at_risk_sek: int  # granted money the forecast leaves unspent: to be repaid
    lines: tuple[LineResult, ...]
    periods: tuple[Period, ...]
    finished: bool

    @property
    def spending_rate(self) -> Decimal | None:
        """Spent as a share of the budget."""
        return self.actual / self.budget_sek if self.budget_sek else None


def _elapsed(quarter: Quarter, starts_on: date, ends_on: date, as_of: date) -> Decimal:
    """How much of the quarter's part of the project period has passed on `as_of`, 0 to 1."""
    first = max(quarter.starts_on, starts_on)
    last = min(quarter.ends_on, ends_on)
    if as_of < first or last < first:
        return Decimal(0)
    if as_of >= last:
        return Decimal(1)
    return Decimal((as_of - first).days + 1) / Decimal((last - first).days + 1)


def closed_through(as_of: date) -> date:
    """`as_of` when it ends a month, else the end of the month before."""
    if (as_of + timedelta(days=1)).day == 1:
        return as_of
    return as_of.replace(day=1) - timedelta(days=1)


def follow(
    *,
    plan: Mapping[LineKey, Mapping[Quarter, int]],
    budgets: Mapping[LineKey, int],
    actuals: Iterable[tuple[LineKey, date, Decimal]],
    starts_on: date,
    ends_on: date,
    as_of: date,
    granted_sek: int | None = None,
    grant_share: Decimal = Decimal(1),
) -> Result:
    """Budget against actual on `as_of`, through the last closed month."""
    through = closed_through(as_of)
    actual_by_line: dict[LineKey, Decimal] = dict.fromkeys(budgets, Decimal(0))
    actual_by_quarter: dict[Quarter, Decimal] = {}
    for key, spent_on, amount in actuals:
        if spent_on > through:
            continue
        actual_by_line[key] = actual_by_line.get(key, Decimal(0)) + amount
        quarter = Quarter.of(spent_on)
        actual_by_quarter[quarter] = actual_by_quarter.get(quarter, Decimal(0)) + amount

    planned_by_line = {
        key: round_kronor(
            sum(
                (
                    Decimal(amount) * _elapsed(quarter, starts_on, ends_on, through)
                    for quarter, amount in plan.get(key, {}).items()
                ),
                Decimal(0),
            )
        )
        for key in budgets
    }
    budget_total = sum(budgets.values())
    planned_total = sum(planned_by_line.values())
    actual_total = sum(actual_by_line.values(), Decimal(0))
    finished = as_of >= ends_on
    pace: Decimal | None = None
    if planned_total and planned_total >= budget_total * MIN_PLANNED_SHARE:
        pace = actual_total / planned_total

    lines = []
    for key, budget_sek in budgets.items():
        actual = actual_by_line.get(key, Decimal(0))
        if finished:
            forecast = round_kronor(actual)
        else:
            remaining = Decimal(max(budget_sek - planned_by_line[key], 0))
            forecast = round_kronor(actual + remaining * (pace if pace is not None else 1))
        lines.append(
            LineResult(
                key=key,
                budget_sek=budget_sek,
                planned_to_date=planned_by_line[key],
                actual=actual,
                forecast_sek=forecast,
            )
        )
    # Expenditures on lines no longer in the budget still count.
    stray = sum((v for k, v in actual_by_line.items() if k not in budgets), Decimal(0))
    forecast_total = sum(line.forecast_sek for line in lines) + round_kronor(stray)

    grant = granted_sek if granted_sek is not None else round_kronor(budget_total * grant_share)
    funded = min(round_kronor(forecast_total * grant_share), grant)
    at_risk = max(grant - funded, 0)

    periods = []
    cumulative_planned, cumulative_actual = 0, Decimal(0)
    for quarter in quarters_between(starts_on, ends_on):
        planned = sum(quarters.get(quarter, 0) for quarters in plan.values())
        actual = actual_by_quarter.get(quarter, Decimal(0))
        cumulative_planned += planned
        cumulative_actual += actual
        periods.append(
            Period(
                quarter=quarter,
                planned_sek=planned,
                actual=actual,
                cumulative_planned_sek=cumulative_planned,
                cumulative_actual=cumulative_actual,
            )
        )
    return Result(
        as_of=as_of,
        through=through,
        budget_sek=budget_total,
        planned_to_date=planned_total,
        actual=actual_total,
        pace=pace,
        forecast_sek=forecast_total,
        grant_sek=grant,
        funded_forecast_sek=funded,
        at_risk_sek=at_risk,
        lines=tuple(lines),
        periods=tuple(periods),
        finished=finished,
    )


@dataclass(frozen=True)
class Portfolio:
    """Several projects' follow-up added up: the portfolio's spending against its plan."""

    budget_sek: int
    planned_to_date: int
    actual: Decimal
    forecast_sek: int
    at_risk_sek: int
    periods: tuple[Period, ...]


def combine(results: Iterable[Result]) -> Portfolio:
    """Every project's plan and spending added up per quarter, over the quarters from the first
    project's start to the last one's end."""
    results = list(results)
    planned: dict[Quarter, int] = {}
    spent: dict[Quarter, Decimal] = {}
    for result in results:
        for period in result.periods:
            planned[period.quarter] = planned.get(period.quarter, 0) + period.planned_sek
            spent[period.quarter] = spent.get(period.quarter, Decimal(0)) + period.actual
    periods: list[Period] = []
    if planned:
        quarter, last = min(planned), max(planned)
        cumulative_planned, cumulative_actual = 0, Decimal(0)
        while quarter <= last:
            cumulative_planned += planned.get(quarter, 0)
            cumulative_actual += spent.get(quarter, Decimal(0))
            periods.append(
                Period(
                    quarter=quarter,
                    planned_sek=planned.get(quarter, 0),
                    actual=spent.get(quarter, Decimal(0)),
                    cumulative_planned_sek=cumulative_planned,
                    cumulative_actual=cumulative_actual,
                )
            )
            quarter = quarter.next()
    return Portfolio(
        budget_sek=sum(r.budget_sek for r in results),
        planned_to_date=sum(r.planned_to_date for r in results),
        actual=sum((r.actual for r in results), Decimal(0)),
        forecast_sek=sum(r.forecast_sek for r in results),
        at_risk_sek=sum(r.at_risk_sek for r in results),
        periods=tuple(periods),
    )
