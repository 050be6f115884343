"""The portfolio's timeline: where each project's bar, each year and each month go in the SVG.

Plain Python without Django: periods in, coordinates out. The template draws what `layout`
returns; the page shows the same projects in a table beside it.
"""

from dataclasses import dataclass
from datetime import date

WIDTH = 960  # the drawing's width in its own units; the SVG scales to the page
LABEL_WIDTH = 260  # the column of project titles on the left
AXIS_HEIGHT = 36  # the year labels above the bars
ROW_HEIGHT = 28
BAR_HEIGHT = 16
MIN_BAR_WIDTH = 3.0  # a project of a few days is still visible
LABEL_CHARACTERS = 34  # longer titles are shortened with "…" (the full title is the bar's title)
MONTHS_UP_TO_YEARS = 4  # month lines when the axis spans at most this many years


@dataclass(frozen=True)
class Period:
    """A project's period and what the bar says about it."""

    key: int
    title: str
    starts_on: date
    ends_on: date
    status: str  # the status's name for the reader
    phase: str  # past, present or future: the bar's look


@dataclass(frozen=True)
class Bar:
    key: int
    title: str
    label: str  # the title, shortened to fit the label column
    starts_on: date
    ends_on: date
    status: str
    phase: str
    x: float
    y: float
    width: float
    label_y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str  # the year ("2026"), or empty for a month line


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    first: date  # the axis starts on 1 January of the first year
    last: date  # and ends on 1 January after the last year
    years: list[Tick]
    months: list[Tick]
    bars: list[Bar]
    today_x: float | None  # the line for today, when today is on the axis

    @property
    def year_label_y(self) -> int:
        return self.plot_top - 12


def shorten(title: str, limit: int = LABEL_CHARACTERS) -> str:
    """The title, cut at a word and ended with "…" when it is longer than `limit` characters."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rstrip()
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:–-") + "…"


def layout(periods: list[Period], *, today: date, width: int = WIDTH) -> Layout | None:
    """Place one bar per period, in the given order, on an axis of whole years that covers them
    all. None when there is nothing to draw."""
    if not periods:
        return None
    first = date(min(p.starts_on for p in periods).year, 1, 1)
    last = date(max(max(p.starts_on, p.ends_on) for p in periods).year + 1, 1, 1)
    plot_left, plot_right = LABEL_WIDTH, width - 16
    plot_top = AXIS_HEIGHT
    plot_bottom = plot_top + ROW_HEIGHT * len(periods)
    span = (last - first).days
    scale = (plot_right - plot_left) / span

    def x_of(day: date) -> float:
        return round(plot_left + (day - first).days * scale, 2)

    years = [Tick(x_of(date(year, 1, 1)), str(year)) for year in range(first.year, last.year)]
    months = []
    if last.year - first.year <= MONTHS_UP_TO_YEARS:
        months = [
            Tick(x_of(date(year, month, 1)), "")
            for year in range(first.year, last.year)
            for month in range(2, 13)
        ]
    bars = []
    for row, period in enumerate(periods):
        start, end = sorted((period.starts_on, period.ends_on))
        left = x_of(start)
        bar_width = max(MIN_BAR_WIDTH, x_of(end) - left)
        top = plot_top + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bars.append(
            Bar(
                key=period.key,
                title=period.title,
                label=shorten(period.title),
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                status=period.status,
                phase=period.phase,
                x=left,
                y=top,
                width=round(min(bar_width, plot_right - left), 2),
                label_y=top + BAR_HEIGHT - 4,
            )
        )
    return Layout(
        width=width,
        height=plot_bottom + 8,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        first=first,
        last=last,
        years=years,
        months=months,
        bars=bars,
        today_x=x_of(today) if first <= today < last else None,
    )
