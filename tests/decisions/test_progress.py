"""The progress of a sub-goal (pure): the share of the way from baseline to target, the share of
the time passed, and the status, for rising and falling targets."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from navet.decisions import progress
from navet.decisions.progress import Measurement, Status

START = date(2025, 1, 1)
END = date(2027, 1, 1)  # 730 days, half-way on 2026-01-01


def figures(baseline: str, target: str, values: dict[date, str], as_of: date):
    return progress.progress(
        baseline=Decimal(baseline),
        target=Decimal(target),
        measurements=[Measurement(day, Decimal(v)) for day, v in values.items()],
        start=START,
        target_on=END,
        as_of=as_of,
    )


def test_half_way_at_half_time_is_on_track() -> None:
    result = figures("2", "6", {date(2026, 1, 1): "4"}, date(2026, 1, 1))
    assert result.share == Fraction(1, 2)
    assert result.percent == 50
    assert result.status == Status.ON_TRACK
    assert result.expected_percent == 50


def test_a_falling_target_counts_the_way_down() -> None:
    values = {date(2025, 7, 1): "105", date(2026, 7, 1): "75"}
    result = figures("120", "60", values, END + timedelta(days=1))
    assert result.latest == Measurement(date(2026, 7, 1), Decimal("75"))
    assert result.percent == 75
    assert result.status == Status.MISSED


def test_the_latest_measurement_on_or_before_the_day_counts() -> None:
    values = {date(2025, 6, 1): "3", date(2026, 6, 1): "5"}
    assert figures("2", "6", values, date(2025, 12, 31)).latest.value == Decimal("3")
    assert figures("2", "6", values, date(2026, 12, 31)).latest.value == Decimal("5")


def test_no_measurement_yet_and_reached() -> None:
    assert figures("2", "6", {}, date(2025, 1, 2)).status == Status.NO_DATA
    assert figures("2", "6", {}, date(2027, 6, 1)).status == Status.MISSED
    reached = figures("2", "6", {date(2026, 1, 1): "7"}, date(2026, 1, 1))
    assert (reached.status, reached.percent) == (Status.REACHED, 100)


def test_behind_when_less_way_than_time() -> None:
    result = figures("0", "10", {date(2026, 6, 1): "2"}, date(2026, 6, 1))
    assert result.status == Status.BEHIND


def test_going_the_wrong_way_is_zero_not_negative() -> None:
    result = figures("10", "20", {date(2026, 1, 1): "5"}, date(2026, 1, 1))
    assert result.share == 0


@given(
    baseline=st.integers(-1000, 1000),
    distance=st.integers(-1000, 1000).filter(bool),
    value=st.integers(-3000, 3000),
    days=st.integers(0, 1000),
)
def test_share_and_expected_stay_within_zero_and_one(baseline, distance, value, days) -> None:
    as_of = START + timedelta(days=days)
    result = progress.progress(
        baseline=Decimal(baseline),
        target=Decimal(baseline + distance),
        measurements=[Measurement(START, Decimal(value))],
        start=START,
        target_on=END,
        as_of=as_of,
    )
    assert 0 <= result.share <= 1
    assert 0 <= result.expected <= 1
    assert (result.status == Status.REACHED) == (result.share == 1)
    if result.status == Status.ON_TRACK:
        assert result.share >= result.expected


def test_the_chart_draws_one_bar_per_sub_goal_and_marks_the_expected() -> None:
    on_track = figures("0", "10", {date(2026, 1, 1): "5"}, date(2026, 1, 1))
    empty = figures("0", "10", {}, date(2026, 1, 1))
    chart = progress.chart([("Ansökningar", on_track), ("Ett mycket långt namn " * 3, empty)])
    assert len(chart.bars) == 2
    assert chart.bars[0].width == chart.span // 2
    assert chart.bars[0].expected_x == chart.label_width + chart.span // 2
    assert (chart.bars[1].width, chart.bars[1].text) == (0, "–")
    assert chart.bars[1].label.endswith("…")
    assert chart.height == 2 * chart.row_height
