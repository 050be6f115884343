"""Progress of an agreement's measurable sub-goals (delmål), for the steering group's yearly
follow-up. Plain Python: numbers and dates in, plain data out.

A sub-goal moves from a baseline (utgångsvärde) towards a target (målvärde) by a target date; the
target may lie above the baseline (more applications) or below it (fewer days of waiting). The
progress is the share of the way from baseline to target that the latest measurement on or
before the report's day has covered. The expected share is the share of the time from the
baseline's day to the target date that has passed; a sub-goal at or above it is on track.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class Status(StrEnum):
    NO_DATA = "no_data"  # nothing measured yet
    REACHED = "reached"  # the target is reached
    ON_TRACK = "on_track"  # at least as far as the time passed asks
    BEHIND = "behind"  # less far than the time passed asks
    MISSED = "missed"  # the target date has passed without reaching the target


@dataclass(frozen=True)
class Measurement:
    measured_on: date
    value: Decimal


@dataclass(frozen=True)
class Progress:
    latest: Measurement | None
    share: Fraction | None  # of the way from baseline to target, 0..1 (clamped)
    expected: Fraction  # of the time from start to target date passed on the report's day
    status: Status

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def expected_percent(self) -> int:
        return round(self.expected * 100)


def _clamp(value: Fraction) -> Fraction:
    return min(Fraction(1), max(Fraction(0), value))


def expected_share(start: date, target_on: date, as_of: date) -> Fraction:
    """The share of the time from `start` to `target_on` that has passed on `as_of`."""
    if target_on <= start:
        return Fraction(1)
    return _clamp(Fraction((as_of - start).days, (target_on - start).days))


def progress(
    *,
    baseline: Decimal,
    target: Decimal,
    measurements: Sequence[Measurement],
    start: date,
    target_on: date,
    as_of: date,
) -> Progress:
    """The progress of one sub-goal on `as_of`, from its measurements (in any order)."""
    expected = expected_share(start, target_on, as_of)
    known = [m for m in measurements if m.measured_on <= as_of]
    if not known:
        status = Status.MISSED if as_of > target_on else Status.NO_DATA
        return Progress(latest=None, share=None, expected=expected, status=status)
    latest = max(known, key=lambda m: m.measured_on)
    distance = Fraction(target) - Fraction(baseline)
    if distance == 0:
        covered = Fraction(1)
    else:
        covered = (Fraction(latest.value) - Fraction(baseline)) / distance
    share = _clamp(covered)
    if share >= 1:
        status = Status.REACHED
    elif as_of > target_on:
        status = Status.MISSED
    elif share >= expected:
        status = Status.ON_TRACK
    else:
        status = Status.BEHIND
    return Progress(latest=latest, share=share, expected=expected, status=status)


# --- the chart -------------------------------------------------------------------------------

WIDTH = 640  # the drawing's width in SVG units
LABEL_WIDTH = 240  # room for the sub-goals' names (26 characters at 13 units)
VALUE_WIDTH = 60  # room for the percentages
ROW_HEIGHT = 28
BAR_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the progress as written beside the bar
    y: int
    width: int  # of the progress bar
    expected_x: int  # where the mark for the expected progress stands
    status: Status


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    span: int = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bar_height: int = BAR_HEIGHT
    row_height: int = ROW_HEIGHT


def chart(rows: Sequence[tuple[str, Progress]]) -> Chart:
    """Lay out one bar per `(label, progress)`: the way covered from 0 to 100 %, with a mark at
    the progress the time passed asks for. A sub-goal without measurements gets no bar."""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, figures) in enumerate(rows):
        share = figures.share or Fraction(0)
        bars.append(
            Bar(
                label=label if len(label) <= 26 else label[:25] + "…",
                text="–" if figures.percent is None else f"{figures.percent} %",
                y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                width=round(share * span),
                expected_x=LABEL_WIDTH + round(figures.expected * span),
                status=figures.status,
            )
        )
    return Chart(bars=tuple(bars), height=max(len(bars), 1) * ROW_HEIGHT)
