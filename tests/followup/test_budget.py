"""The budget builder's arithmetic and rules (`navet.followup.budget`, no Django)."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from navet.followup.budget import (
    Line,
    Quarter,
    Rules,
    check,
    months_between,
    planned_quarters,
    quarters_between,
    spread,
)

RULES = Rules(
    programme="Testfonden",
    cofinancing_percent=Decimal(25),
    indirect_cost_cap_percent=Decimal(15),
    max_duration_months=24,
    min_amount_sek=100_000,
    max_amount_sek=2_000_000,
)
PERIOD = {"starts_on": date(2025, 1, 1), "ends_on": date(2026, 6, 30)}


def test_totals_per_category_year_and_municipality() -> None:
    summary = check(
        [
            Line("staff", 2025, 300_000),
            Line("staff", 2026, 150_000, municipality="Solna stad"),
            Line("travel", 2025, 20_000),
            Line("indirect", 2025, 40_000),
        ],
        RULES,
        **PERIOD,
    )
    assert summary.total_sek == 510_000
    assert summary.by_category["staff"] == 450_000
    assert summary.by_year == {2025: 360_000, 2026: 150_000}
    assert summary.by_municipality == {"": 360_000, "Solna stad": 150_000}
    assert summary.direct_sek == 470_000
    assert summary.cofinancing_sek == 127_500
    assert summary.grant_sek == 382_500
    assert summary.problems == []


def test_indirect_costs_above_the_cap_are_refused_in_swedish() -> None:
    summary = check([Line("staff", 2025, 200_000), Line("indirect", 2025, 40_000)], RULES, **PERIOD)
    assert [str(problem) for problem in summary.problems] == [
        "De indirekta kostnaderna (40\u00a0000\u00a0kr) är mer än 15 % av de direkta kostnaderna "
        "(200\u00a0000\u00a0kr): högst 30\u00a0000\u00a0kr är tillåtet."
    ]


def test_requested_amount_must_leave_the_co_financing() -> None:
    summary = check([Line("staff", 2025, 400_000)], RULES, **PERIOD, requested_sek=350_000)
    assert any(
        "med 25 % medfinansiering kan högst 300\u00a0000\u00a0kr sökas" in str(p)
        for p in summary.problems
    )


def test_call_amounts_and_duration() -> None:
    too_big = check([Line("staff", 2025, 4_000_000)], RULES, **PERIOD)
    assert any("högsta belopp, 2\u00a0000\u00a0000\u00a0kr" in str(p) for p in too_big.problems)
    too_small = check([Line("staff", 2025, 50_000)], RULES, **PERIOD)
    assert any("lägsta belopp, 100\u00a0000\u00a0kr" in str(p) for p in too_small.problems)
    too_long = check(
        [Line("staff", 2025, 500_000)], RULES, starts_on=date(2025, 1, 1), ends_on=date(2027, 3, 31)
    )
    assert "Projektet pågår i 27 månader; Testfonden tillåter högst 24." in map(
        str, too_long.problems
    )


def test_unverified_rules_are_said_not_checked() -> None:
    summary = check(
        [Line("staff", 2025, 100_000), Line("indirect", 2025, 90_000)],
        Rules(programme="§ 37", cofinancing_percent=Decimal(0)),
        **PERIOD,
    )
    assert summary.problems == []  # 90 % indirect costs: no cap is known, so none is applied
    assert (
        "Taket för indirekta kostnader i § 37 är inte verifierat; det kontrolleras inte. "
        "Se utlysningens villkor." in map(str, summary.notes)
    )
    assert "Den längsta projekttiden i § 37 är inte verifierad; den kontrolleras inte." in map(
        str, summary.notes
    )
    unknown = check([Line("staff", 2025, 100_000)], Rules(), **PERIOD)
    assert any("medfinansiering" in str(note) for note in unknown.notes)
    assert unknown.cofinancing_sek is None
    assert unknown.grant_sek == 100_000


def test_line_problems() -> None:
    summary = check(
        [
            Line("staff", 2028, 100_000),
            Line("travel", 2025, 10_000, profile=(5_000, 0, 0, 0)),
            Line("travel", 2025, 10_000),
            Line("materials", 2026, 8_000, profile=(2_000, 2_000, 2_000, 2_000)),
        ],
        RULES,
        **PERIOD,
    )
    assert [str(problem) for problem in summary.problems[:4]] == [
        "Personal 2028: året ligger utanför projektperioden 2025-01-01 – 2026-06-30.",
        "Resor 2025: planen per kvartal blir 5\u00a0000\u00a0kr, "
        "men posten är 10\u00a0000\u00a0kr.",
        "Resor 2025 finns två gånger i budgeten.",
        "Material 2026: planen lägger pengar utanför projektperioden (2026 kv3, 2026 kv4).",
    ]
    assert str(check([], RULES).problems[0]) == "Budgeten har inga poster."


def test_plan_spreads_evenly_inside_the_period() -> None:
    line = Line("staff", 2026, 100_001)
    plan = planned_quarters(line, date(2025, 1, 1), date(2026, 6, 30))
    assert plan == {Quarter(2026, 1): 50_001, Quarter(2026, 2): 50_000}
    assert planned_quarters(Line("staff", 2026, 8, profile=(0, 8, 0, 0)), None, None) == {
        Quarter(2026, 2): 8
    }


def test_quarters_and_months() -> None:
    assert months_between(date(2023, 2, 1), date(2023, 7, 31)) == 6
    assert [str(q) for q in quarters_between(date(2023, 2, 1), date(2023, 7, 31))] == [
        "2023 kv1",
        "2023 kv2",
        "2023 kv3",
    ]
    assert Quarter(2023, 1).ends_on == date(2023, 3, 31)
    assert Quarter(2023, 4).ends_on == date(2023, 12, 31)
    assert Quarter.of(date(2023, 7, 1)) == Quarter(2023, 3)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=40))
def test_spread_adds_up_and_differs_by_at_most_one(amount: int, parts: int) -> None:
    pieces = spread(amount, parts)
    assert sum(pieces) == amount
    assert max(pieces) - min(pieces) <= 1


def test_the_budget_module_imports_no_django() -> None:
    code = "import sys, navet.followup.budget; print('django' in sys.modules)"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
