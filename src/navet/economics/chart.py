"""A horizontal bar chart of signed amounts, laid out for a server-rendered SVG.

Plain Python: the template draws what `bars` computes. Bars grow right from the zero line for a
gain and left for a loss, so both fit one scale.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640  # the drawing's width in SVG units
LABEL_WIDTH = 160  # room for the municipalities' names
VALUE_WIDTH = 110  # room for the amounts
ROW_HEIGHT = 24
BAR_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the value as shown
    x: int
    y: int
    width: int
    negative: bool
    text_x: int  # where the amount is written: after a gain's bar, right of zero for a loss


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    zero_x: int
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def bars(rows: Sequence[tuple[str, int, str]]) -> Chart:
    """Lay out `(label, value, text)` rows, one bar each, in the given order."""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    low = min([0, *(value for _, value, _ in rows)])
    high = max([0, *(value for _, value, _ in rows)])
    extent = (high - low) or 1
    zero_x = LABEL_WIDTH + span * -low // extent
    laid_out = []
    for index, (label, value, text) in enumerate(rows):
        width = span * abs(value) // extent
        x = zero_x if value >= 0 else zero_x - width
        laid_out.append(
            Bar(
                label=label,
                value=value,
                text=text,
                x=x,
                y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                width=max(width, 1),
                negative=value < 0,
                text_x=(x + max(width, 1) if value >= 0 else zero_x) + 6,
            )
        )
    return Chart(bars=tuple(laid_out), zero_x=zero_x, height=max(len(rows), 1) * ROW_HEIGHT)
