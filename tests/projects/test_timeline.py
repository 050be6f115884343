"""The timeline's arithmetic (pure) and the portfolio's phases (pure)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from navet.projects import lifecycle, timeline
from navet.projects.timeline import Period, layout, shorten

TODAY = date(2026, 11, 23)


def _period(key: int, starts: date, ends: date, phase: str = "present") -> Period:
    return Period(key, f"Projekt {key}", starts, ends, "Pågår", phase)


def test_nothing_to_draw_gives_none() -> None:
    assert layout([], today=TODAY) is None


def test_the_axis_spans_whole_years_and_bars_sit_on_it() -> None:
    drawn = layout(
        [
            _period(1, date(2025, 1, 1), date(2025, 12, 31)),
            _period(2, date(2026, 7, 1), date(2027, 6, 30)),
        ],
        today=TODAY,
    )
    assert drawn is not None
    assert (drawn.first, drawn.last) == (date(2025, 1, 1), date(2028, 1, 1))
    assert [t.label for t in drawn.years] == ["2025", "2026", "2027"]
    assert len(drawn.months) == 3 * 11  # month lines within three years
    first, second = drawn.bars
    assert first.x == drawn.plot_left
    assert second.x > first.x + first.width - 1
    assert second.y == first.y + timeline.ROW_HEIGHT
    # 2026-07-01 lies about halfway through the three years.
    assert abs((second.x - drawn.plot_left) / (drawn.plot_right - drawn.plot_left) - 1.5 / 3) < 0.01
    assert drawn.today_x is not None
    assert drawn.years[1].x < drawn.today_x < drawn.years[2].x
    assert drawn.height == drawn.plot_bottom + 8


def test_a_short_project_is_still_visible_and_today_off_the_axis_is_not_drawn() -> None:
    drawn = layout([_period(1, date(2019, 3, 1), date(2019, 3, 1))], today=TODAY)
    assert drawn is not None
    assert drawn.bars[0].width == timeline.MIN_BAR_WIDTH
    assert drawn.today_x is None


def test_a_long_span_has_no_month_lines() -> None:
    drawn = layout([_period(1, date(2015, 1, 1), date(2026, 1, 1))], today=TODAY)
    assert drawn is not None
    assert drawn.months == []


def test_long_titles_are_shortened_at_a_word() -> None:
    title = "Digital inkludering för nyanlända vuxna i hela Norrort och Roslagen"
    short = shorten(title)
    assert short.endswith("…")
    assert len(short) <= timeline.LABEL_CHARACTERS
    assert title.startswith(short[:-1])
    assert shorten("Kort titel") == "Kort titel"


@given(
    st.lists(
        st.tuples(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 3000)),
        min_size=1,
        max_size=30,
    )
)
def test_every_bar_stays_inside_the_plot(spans: list[tuple[date, int]]) -> None:
    periods = [
        _period(
            i,
            start,
            date.fromordinal(min(start.toordinal() + days, date(2040, 12, 31).toordinal())),
        )
        for i, (start, days) in enumerate(spans)
    ]
    drawn = layout(periods, today=TODAY)
    assert drawn is not None
    for bar in drawn.bars:
        assert drawn.plot_left <= bar.x <= drawn.plot_right
        assert bar.x + bar.width <= drawn.plot_right + 0.01
        assert drawn.plot_top <= bar.y < drawn.plot_bottom


def test_phases_by_status_and_period() -> None:
    phase = lifecycle.phase
    assert phase(lifecycle.FINISHED, date(2027, 1, 1), TODAY) == "past"
    assert phase(lifecycle.WITHDRAWN, None, TODAY) == "past"
    assert phase(lifecycle.REFUSED, None, TODAY) == "past"
    assert phase(lifecycle.RUNNING, date(2020, 1, 1), TODAY) == "present"
    assert phase(lifecycle.GRANTED, date(2026, 11, 23), TODAY) == "present"
    assert phase(lifecycle.GRANTED, date(2027, 1, 1), TODAY) == "future"
    assert phase(lifecycle.GRANTED, None, TODAY) == "future"
    assert phase(lifecycle.IDEA, date(2020, 1, 1), TODAY) == "future"


def test_imported_history_without_needs_may_wind_up_but_not_start_anew() -> None:
    facts = lifecycle.Facts(status=lifecycle.RUNNING, needs=0, granted_sek=1, imported_history=True)
    assert lifecycle.refusals(facts, lifecycle.FINISHED) == ()
    assert lifecycle.refusals(facts, lifecycle.REPAYMENT) == ()
    idea = lifecycle.Facts(status=lifecycle.IDEA, needs=0, imported_history=True)
    assert lifecycle.refusals(idea, lifecycle.NEEDS_ANALYSIS) == (lifecycle.Refusal.NO_NEED,)
