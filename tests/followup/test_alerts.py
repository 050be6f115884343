"""Early warnings (`navet.followup.alerts`, no Django): each with a reason and an action."""

from datetime import date
from decimal import Decimal

from navet.followup.alerts import (
    IndicatorStatus,
    ReportStatus,
    alerts_on,
    indicator_warnings,
    month_ends,
    report_warnings,
)
from navet.followup.budget import Line, planned_quarters
from navet.followup.forecast import follow

START, END = date(2025, 1, 1), date(2025, 12, 31)
STAFF = ("staff", 2025, "")


def _result(spent: int, as_of: date, budget: int = 400_000):
    return follow(
        plan={STAFF: planned_quarters(Line("staff", 2025, budget), START, END)},
        budgets={STAFF: budget},
        actuals=[(STAFF, date(2025, 3, 31), Decimal(spent))],
        starts_on=START,
        ends_on=END,
        as_of=as_of,
        granted_sek=budget,
    )


def test_underspend_is_raised_with_a_reason_and_an_action_two_quarters_before_the_end() -> None:
    (alert,) = alerts_on(_result(60_000, date(2025, 3, 31)), starts_on=START, ends_on=END)
    assert alert.kind == "underspend"
    assert alert.key == "underspend-2025-kv1"
    assert "60 %" in str(alert.reason)
    assert "160\u00a0000\u00a0kr av det beviljade beloppet" in str(alert.reason)
    assert "275 dagar kvar till 2025-12-31" in str(alert.reason)
    assert "flytta medel" in str(alert.action)


def test_spending_to_plan_raises_nothing() -> None:
    assert alerts_on(_result(100_000, date(2025, 3, 31)), starts_on=START, ends_on=END) == []


def test_overspend_and_a_line_over_its_budget() -> None:
    found = alerts_on(_result(450_000, date(2025, 3, 31)), starts_on=START, ends_on=END)
    assert {alert.kind for alert in found} == {"overspend", "line_over_budget"}
    line = next(alert for alert in found if alert.kind == "line_over_budget")
    assert str(line.reason).startswith("Personal 2025: utfallet 450\u00a0000\u00a0kr")


def test_an_indicator_behind_its_path() -> None:
    behind = IndicatorStatus(
        "1", "Deltagare", Decimal(0), Decimal(100), Decimal(20), date(2025, 6, 30)
    )
    on_track = IndicatorStatus(
        "2", "Träffar", Decimal(0), Decimal(10), Decimal(5), date(2025, 6, 30)
    )
    (alert,) = indicator_warnings(
        [behind, on_track], starts_on=START, ends_on=END, as_of=date(2025, 6, 30)
    )
    assert str(alert.reason) == (
        "Deltagare: 20 mot målet 100 – 20 % av vägen när 50 % av tiden har gått."
    )
    # Too early in the period to judge.
    assert indicator_warnings([behind], starts_on=START, ends_on=END, as_of=date(2025, 2, 1)) == []


def test_a_report_due_within_a_month_and_one_overdue() -> None:
    reports = [
        ReportStatus("1", "Delrapport", date(2025, 4, 15), submitted=False),
        ReportStatus("2", "Slutrapport", date(2026, 1, 31), submitted=False),
        ReportStatus("3", "Delrapport", date(2025, 3, 1), submitted=True),
    ]
    (due,) = report_warnings(reports, as_of=date(2025, 4, 1))
    assert str(due.reason) == "Delrapport till finansiären ska lämnas om 14 dagar, 2025-04-15."
    (late,) = report_warnings(reports[:1], as_of=date(2025, 4, 20))
    assert "skulle ha lämnats 2025-04-15" in str(late.reason)


def test_month_ends() -> None:
    assert month_ends(date(2023, 2, 1), date(2023, 4, 15)) == [
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 15),
    ]
