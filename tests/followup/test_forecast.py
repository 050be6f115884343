"""Budget against actual and the forecast at completion (`navet.followup.forecast`, no Django)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from navet.followup.budget import Line, Quarter, planned_quarters
from navet.followup.forecast import closed_through, follow

START, END = date(2025, 1, 1), date(2025, 12, 31)
STAFF = ("staff", 2025, "")
TRAVEL = ("travel", 2025, "")


def _plan(amount: int, profile: tuple[int, ...] = ()) -> dict:
    return planned_quarters(Line("staff", 2025, amount, profile=profile), START, END)


def test_spending_to_plan_forecasts_the_budget() -> None:
    plan = {STAFF: _plan(400_000)}
    actuals = [
        (STAFF, date(2025, 3, 31), Decimal(100_000)),
        (STAFF, date(2025, 6, 30), Decimal(100_000)),
    ]
    result = follow(
        plan=plan,
        budgets={STAFF: 400_000},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=date(2025, 6, 30),
        granted_sek=400_000,
    )
    assert result.planned_to_date == 200_000
    assert result.pace == 1
    assert result.forecast_sek == 400_000
    assert result.at_risk_sek == 0
    assert [p.cumulative_planned_sek for p in result.periods] == [
        100_000,
        200_000,
        300_000,
        400_000,
    ]
    assert result.periods[1].cumulative_actual == 200_000


def test_the_forecast_follows_the_profile_not_a_straight_line() -> None:
    # Most of the money is planned for the autumn: spending little in spring is on plan.
    plan = {STAFF: _plan(400_000, (50_000, 50_000, 100_000, 200_000))}
    actuals = [(STAFF, date(2025, 6, 30), Decimal(100_000))]
    result = follow(
        plan=plan,
        budgets={STAFF: 400_000},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=date(2025, 6, 30),
        granted_sek=400_000,
    )
    assert result.forecast_sek == 400_000  # a straight line would say 200 000
    assert result.at_risk_sek == 0


def test_underspending_puts_money_at_risk_and_co_financing_is_left_out() -> None:
    plan = {STAFF: _plan(400_000)}
    actuals = [(STAFF, date(2025, 6, 30), Decimal(100_000))]
    result = follow(
        plan=plan,
        budgets={STAFF: 400_000},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=date(2025, 6, 30),
        granted_sek=300_000,
        grant_share=Decimal("0.75"),
    )
    assert result.pace == Decimal("0.5")
    assert result.forecast_sek == 200_000
    assert result.funded_forecast_sek == 150_000
    assert result.at_risk_sek == 150_000


def test_mid_month_compares_through_the_last_closed_month() -> None:
    assert closed_through(date(2025, 3, 15)) == date(2025, 2, 28)
    assert closed_through(date(2025, 3, 31)) == date(2025, 3, 31)
    plan = {STAFF: _plan(120_000)}
    actuals = [(STAFF, date(2025, 3, 10), Decimal(5_000))]
    result = follow(
        plan=plan,
        budgets={STAFF: 120_000},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=date(2025, 3, 15),
    )
    assert result.through == date(2025, 2, 28)
    assert result.actual == 0


def test_after_the_end_the_forecast_is_what_was_spent_and_lines_over_budget_show() -> None:
    plan = {STAFF: _plan(100_000), TRAVEL: {Quarter(2025, 1): 1_000}}
    actuals = [
        (STAFF, date(2025, 5, 31), Decimal("80000.40")),
        (TRAVEL, date(2025, 2, 1), Decimal(1_500)),
    ]
    result = follow(
        plan=plan,
        budgets={STAFF: 100_000, TRAVEL: 1_000},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=END + timedelta(days=40),
        granted_sek=101_000,
    )
    assert result.finished
    assert result.forecast_sek == 81_500
    assert result.at_risk_sek == 19_500
    travel = next(line for line in result.lines if line.key == TRAVEL)
    assert travel.over_budget


@given(
    budget=st.integers(min_value=1_000, max_value=10_000_000),
    spent=st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=0, max_size=12),
    day=st.integers(min_value=0, max_value=420),
)
def test_forecast_properties(budget: int, spent: list[int], day: int) -> None:
    plan = {STAFF: _plan(budget)}
    actuals = [
        (STAFF, date(2025, month + 1, 28), Decimal(amount)) for month, amount in enumerate(spent)
    ]
    as_of = START + timedelta(days=day)
    result = follow(
        plan=plan,
        budgets={STAFF: budget},
        actuals=actuals,
        starts_on=START,
        ends_on=END,
        as_of=as_of,
        granted_sek=budget,
    )
    # Never forecast less than what was spent; never more at risk than granted.
    assert result.forecast_sek >= int(result.actual)
    assert 0 <= result.at_risk_sek <= budget
    assert result.at_risk_sek == max(budget - min(result.forecast_sek, budget), 0)
    if result.finished:
        assert result.forecast_sek == round(result.actual)
    # The plan adds up to the budget by the last quarter.
    assert result.periods[-1].cumulative_planned_sek == budget
    # Spending exactly to plan forecasts exactly the budget.
    to_plan = follow(
        plan=plan,
        budgets={STAFF: budget},
        actuals=[(STAFF, result.through, Decimal(result.planned_to_date))]
        if result.planned_to_date
        else [],
        starts_on=START,
        ends_on=END,
        as_of=as_of,
        granted_sek=budget,
    )
    if not to_plan.finished and to_plan.pace is not None:
        assert abs(to_plan.forecast_sek - budget) <= 1
