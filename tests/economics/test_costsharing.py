"""The cost-sharing model alone: the feasibility study's example, and properties that hold for
every scenario."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navet.economics import chart
from navet.economics.costsharing import (
    Key,
    Member,
    Scenario,
    ScenarioError,
    apportion,
    as_dict,
    compute,
    format_leverage,
    numbered_members,
    round_sek,
    split_cost,
)


def test_the_study_s_example_gives_its_figures_exactly() -> None:
    """§7: 700 000 kr a year, 1 000 000 kr of grants, 20 % for administration, 15 municipalities
    in equal shares: 33 333 kr cost, 53 333 kr grants, 20 000 kr surplus per municipality."""
    result = compute(Scenario(700_000, 1_000_000, 20, numbered_members(15)))
    assert result.admin_funded_sek == 200_000
    assert result.municipal_cost_sek == 500_000
    assert result.project_grants_sek == 800_000
    assert result.per_municipality() == (33_333, 53_333, 20_000)
    # The rows add up: five municipalities carry the five kronor left over, on both sides.
    assert sorted({s.cost_sek for s in result.shares}) == [33_333, 33_334]
    assert [s.cost_sek for s in result.shares].count(33_334) == 5
    assert all(s.net_sek == 20_000 for s in result.shares)
    assert sum(s.cost_sek for s in result.shares) == 500_000
    assert sum(s.grants_sek for s in result.shares) == 800_000
    assert result.net_sek == 300_000
    assert format_leverage(result.leverage) == "1,60"


def test_the_json_shape() -> None:
    data = as_dict(compute(Scenario(700_000, 1_000_000, 20, numbered_members(2))))
    assert data["municipalities"] == [
        {
            "municipality": "Kommun 1",
            "cost_sek": 250_000,
            "grants_sek": 400_000,
            "net_sek": 150_000,
        },
        {
            "municipality": "Kommun 2",
            "cost_sek": 250_000,
            "grants_sek": 400_000,
            "net_sek": 150_000,
        },
    ]
    assert data["totals"] == {"cost_sek": 500_000, "grants_sek": 800_000, "net_sek": 300_000}


def test_administration_never_funds_more_than_the_cost() -> None:
    result = compute(Scenario(100_000, 1_000_000, 20, numbered_members(4)))
    assert result.admin_funded_sek == 100_000
    assert result.municipal_cost_sek == 0
    assert [s.net_sek for s in result.shares] == [225_000] * 4


def test_swedish_rounding_takes_50_ore_up() -> None:
    assert round_sek(Fraction(1, 2)) == 1
    assert round_sek(Fraction(149, 100)) == 1
    assert round_sek(Fraction(250, 100)) == 3
    assert compute(Scenario(1_000, 5, 10, numbered_members(1))).admin_funded_sek == 1  # 0,50 kr


def test_population_key_and_base_fee() -> None:
    big, small = Member("Stor", 90_000), Member("Liten", 10_000)
    by_population = compute(Scenario(100_000, 0, 0, (big, small), Key.POPULATION))
    assert [s.cost_sek for s in by_population.shares] == [90_000, 10_000]
    with_base = compute(Scenario(100_000, 50_000, 0, (big, small), Key.BASE_FEE, 20))
    # 20 000 kr in equal shares, 80 000 kr per capita; the grants follow the population.
    assert [s.cost_sek for s in with_base.shares] == [82_000, 18_000]
    assert [s.grants_sek for s in with_base.shares] == [45_000, 5_000]


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (Scenario(0, 1, 0, numbered_members(1)), "Resursens årskostnad ska vara större än noll."),
        (Scenario(1, -1, 0, numbered_members(1)), "De förväntade bidragen kan inte vara negativ."),
        (Scenario(1, 1, 101, numbered_members(1)), "mellan 0 och 100 procent"),
        (Scenario(1, 1, 0, ()), "Minst en kommun"),
        (Scenario(1, 1, 0, (Member("Utan"),), Key.POPULATION), "invånarantal"),
        (Scenario(10**13, 1, 0, numbered_members(1)), "högst"),
    ],
)
def test_impossible_scenarios_are_refused_in_swedish(scenario: Scenario, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        compute(scenario)


def test_too_many_municipalities_are_refused() -> None:
    with pytest.raises(ScenarioError, match="Högst 290"):
        numbered_members(291)


amounts = st.integers(min_value=0, max_value=10**12)
weights = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=60).filter(
    lambda w: sum(w) > 0
)


@given(total=amounts, weights=weights)
def test_the_parts_add_up_to_the_whole_and_stay_within_a_krona(total, weights) -> None:
    parts = apportion(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, sum(weights))
        assert exact - 1 < part < exact + 1


@given(total=amounts, count=st.integers(min_value=1, max_value=290))
def test_equal_shares_differ_by_at_most_a_krona(total, count) -> None:
    parts = split_cost(total, numbered_members(count), Key.EQUAL)
    assert sum(parts) == total
    assert max(parts) - min(parts) <= 1


populations = st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=40)


@given(total=amounts, populations=populations)
def test_the_population_key_is_proportional(total, populations) -> None:
    members = tuple(Member(f"K{i}", p) for i, p in enumerate(populations))
    parts = split_cost(total, members, Key.POPULATION)
    assert sum(parts) == total
    for part, population in zip(parts, populations, strict=True):
        assert abs(part - Fraction(total * population, sum(populations))) < 1


@given(total=amounts, populations=populations, base=st.integers(min_value=0, max_value=100))
def test_base_fee_plus_per_capita(total, populations, base) -> None:
    members = tuple(Member(f"K{i}", p) for i, p in enumerate(populations))
    parts = split_cost(total, members, Key.BASE_FEE, base)
    assert sum(parts) == total
    base_total = round_sek(Fraction(total * base, 100))
    for part, population in zip(parts, populations, strict=True):
        exact = Fraction(base_total, len(members)) + Fraction(
            (total - base_total) * population, sum(populations)
        )
        assert abs(part - exact) < 2


@given(
    cost=st.integers(min_value=1, max_value=10**12),
    grants=amounts,
    share=st.integers(min_value=0, max_value=100),
    count=st.integers(min_value=1, max_value=50),
)
def test_every_scenario_adds_up(cost, grants, share, count) -> None:
    result = compute(Scenario(cost, grants, share, numbered_members(count)))
    assert sum(s.cost_sek for s in result.shares) + result.admin_funded_sek == cost
    assert sum(s.grants_sek for s in result.shares) + result.admin_funded_sek == grants
    assert sum(s.net_sek for s in result.shares) == grants - cost


def test_the_chart_puts_gains_right_and_losses_left_of_zero() -> None:
    laid_out = chart.bars([("A", 100, "100 kr"), ("B", -50, "-50 kr"), ("C", 0, "0 kr")])
    gain, loss, nothing = laid_out.bars
    assert gain.x == laid_out.zero_x
    assert loss.x + loss.width == laid_out.zero_x
    assert gain.width == 2 * loss.width
    assert nothing.width == 1
