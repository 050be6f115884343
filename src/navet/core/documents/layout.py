"""The page every document has, and table columns in which nothing is split across lines."""

import logging
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from fpdf import FPDF

# A4 with the margins of Word's Swedish A4 template (Normal): 2.5 cm on every side, the header
# 1.25 cm from the top edge.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_MM = 25
HEADER_FROM_EDGE_MM = 12.5
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
# Navet's documents are Swedish (their language is sv-SE), whatever the reader's language.
PAGE_NUMBER = "Sida {page} av {pages}"
TABLE_FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)  # tried in turn until every column fits

# Debian's fonts-dejavu-core (installed by scripts/system-deps): the PDF core fonts lack "–", "≥" …
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# fontTools, which fpdf2 uses to embed the fonts, logs every glyph subset at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

Measure = Callable[[str, bool, float], float]  # text, bold, size in pt → width in mm


def add_fonts(pdf: FPDF) -> None:
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))


@cache
def _ruler() -> FPDF:
    pdf = FPDF()
    add_fonts(pdf)
    return pdf


def dejavu_width(text: str, bold: bool, size: float) -> float:
    """The width of `text` in DejaVu Sans: the PDF's font, and wider than Word's default, so
    columns measured with it hold the text in Word too."""
    ruler = _ruler()
    ruler.set_font("DejaVu", "B" if bold else "", size)
    return ruler.get_string_width(text)


def _pieces(text: str, whole: bool) -> list[str]:
    """What may not be split across lines: a number or an amount whole, else each word."""
    return [text] if whole else text.split() or [""]


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int],
    *,
    available: float,
    padding: float,
    measure: Measure = dejavu_width,
) -> tuple[float, list[float]]:
    """The font size and the column widths (mm) in which no word and no amount is split: each
    column at least as wide as its longest word (a numeric column: its longest value), the rest
    of the line shared by how much more each column's longest text would take. The font shrinks
    from 9 to 7 pt until the longest words fit; where even 7 pt is too large, words break and
    amounts stay whole."""
    columns = range(len(header))
    amounts = least = wanted = [0.0 for _ in columns]
    size = TABLE_FONT_SIZES[0]
    for size in TABLE_FONT_SIZES:
        amounts = [0.0 for _ in columns]  # what must never break: the numeric cells whole
        least = [0.0 for _ in columns]
        wanted = [0.0 for _ in columns]
        for bold, values_list in ((True, [header]), (False, rows)):
            for values in values_list:
                for column, value in zip(columns, values, strict=True):
                    text = str(value)
                    whole = column in numeric and not bold
                    longest = max(measure(piece, bold, size) for piece in _pieces(text, whole))
                    least[column] = max(least[column], longest + padding)
                    wanted[column] = max(wanted[column], measure(text, bold, size) + padding)
                    if whole:
                        amounts[column] = max(amounts[column], longest + padding)
        if sum(least) <= available:
            break
    if sum(least) > available:
        return size, _squeezed(amounts, least, available)
    if sum(wanted) <= available:
        return size, [width * available / sum(wanted) for width in wanted]
    return size, _shared(least, wanted, available)


def _shared(least: list[float], wanted: list[float], available: float) -> list[float]:
    """`least` for each column, and the rest of `available` by how much more each wants."""
    extra = [want - low for want, low in zip(wanted, least, strict=True)]
    room = available - sum(least)
    return [low + room * more / sum(extra) for low, more in zip(least, extra, strict=True)]


def _squeezed(amounts: list[float], least: list[float], available: float) -> list[float]:
    """Too little room for every word: the amounts stay whole, the words break; too little even
    for the amounts, every column shrinks alike."""
    if sum(amounts) > available:
        return [width * available / sum(least) for width in least]
    return _shared(amounts, least, available)
