"""The burn-up chart of a project laid out for a server-rendered SVG. No Django here.

Two lines over the project's quarters: the cumulative plan (dashed) and the cumulative actual
(solid, only up to the quarter of the day it is drawn), a horizontal line at the budget, and the
forecast at completion as a marked point at the end. The template draws what `layout` computes;
the page's table holds the same figures.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
HEIGHT = 260
LEFT = 90  # room for the amounts on the axis
RIGHT = 20
TOP = 16
BOTTOM = 40  # room for the quarters


@dataclass(frozen=True)
class Tick:
    y: int
    text: str


@dataclass(frozen=True)
class Label:
    x: int
    text: str


@dataclass(frozen=True)
class Layout:
    planned_points: str  # "x,y x,y …" for <polyline>
    actual_points: str
    budget_y: int
    forecast_x: int
    forecast_y: int
    ticks: tuple[Tick, ...]
    labels: tuple[Label, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    bottom_y: int = HEIGHT - BOTTOM


def _step(top: int) -> int:
    """A round step for about four ticks: 1, 2 or 5 times a power of ten."""
    rough = max(top // 4, 1)
    power = 10 ** (len(str(rough)) - 1)
    for factor in (1, 2, 5, 10):
        if rough <= factor * power:
            return factor * power
    return 10 * power  # pragma: no cover


def layout(
    *,
    quarters: Sequence[str],
    planned: Sequence[int],
    actual: Sequence[Decimal | int],
    budget: int,
    forecast: int,
    format_amount: Callable[[int], str] = str,
) -> Layout:
    """`planned` has one cumulative amount per quarter, `actual` one per quarter up to today."""
    count = max(len(quarters), 1)
    top = max([budget, forecast, *planned, *(int(a) for a in actual), 1])
    step = _step(top)
    ceiling = -(-top // step) * step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def x(index: int) -> int:  # the end of quarter `index`; the origin is the period's start
        return LEFT + plot_width * (index + 1) // count

    def y(amount: Decimal | int) -> int:
        return TOP + plot_height - int(plot_height * Decimal(amount) / ceiling)

    origin = f"{LEFT},{y(0)}"
    planned_points = " ".join([origin, *(f"{x(i)},{y(v)}" for i, v in enumerate(planned))])
    actual_points = " ".join([origin, *(f"{x(i)},{y(v)}" for i, v in enumerate(actual))])
    ticks = tuple(Tick(y=y(v), text=format_amount(v)) for v in range(0, ceiling + 1, step))
    labels = tuple(
        Label(x=(x(i - 1) if i else LEFT) + plot_width // count // 2, text=q)
        for i, q in enumerate(quarters)
    )
    return Layout(
        planned_points=planned_points,
        actual_points=actual_points,
        budget_y=y(budget),
        forecast_x=x(count - 1),
        forecast_y=y(forecast),
        ticks=ticks,
        labels=labels,
    )
