"""Where the budget section's text says other amounts than the budget builder. No Django here.

Writers state the budget in words too ("Projektets totala budget är 1 200 000 kr, varav 900 000
kr söks från Länsstyrelsen"), and the words are written before the budget is final. Each amount
in the text (`1 200 000 kr`, `1,2 miljoner kronor`, `900 tkr`) is read with the words of its
clause: a clause about co-financing, about what is applied for, or about the total is compared
with that figure of the budget; other amounts (a category, a year) are left alone.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Figure(StrEnum):
    TOTAL = "total"
    SOUGHT = "sought"
    COFINANCING = "cofinancing"


# The first kind whose words a clause holds decides what its amounts are (the order matters:
# "totalt söker vi …" is about the amount applied for).
_WORDS: tuple[tuple[Figure, tuple[str, ...]], ...] = (
    (Figure.COFINANCING, ("medfinansier", "egen insats", "egeninsats", "eget bidrag")),
    (Figure.SOUGHT, ("söker", "sökt", "söks", "ansök", "bidrag från", "stöd från")),
    (
        Figure.TOTAL,
        ("total", "sammanlagt", "sammantaget", "omsluter", "omfattar", "summa", "budgeten är"),
    ),
)
_UNITS = {
    "miljoner kronor": 6,
    "miljon kronor": 6,
    "miljoner": 6,
    "miljon": 6,
    "mkr": 6,
    "mnkr": 6,
    "msek": 6,
    "tusen kronor": 3,
    "tkr": 3,
    "kronor": 0,
    "kr": 0,
    "sek": 0,
}
_AMOUNT = re.compile(
    r"(?<![\d,.])(?P<number>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"\s*(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSES = re.compile(r",\s|;\s|\s(?:varav|och|samt|medan)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    figure: Figure
    amount: Decimal  # in kronor
    precision: Decimal  # what the writer rounded to: 1 kr, or 100 000 kr for "1,2 miljoner"
    text: str  # the amount as written


@dataclass(frozen=True)
class Mismatch:
    figure: Figure
    stated: str  # as written in the text
    budget_sek: int
    clause: str


def _figure_of(clause: str) -> Figure | None:
    lowered = clause.lower()
    for figure, words in _WORDS:
        if any(word in lowered for word in words):
            return figure
    return None


def _amount(number: str, unit: str) -> tuple[Decimal, Decimal]:
    digits = re.sub(r"[ \u00a0\u202f.]", "", number)
    whole, _, decimals = digits.partition(",")
    exponent = _UNITS[unit.lower()]
    value = Decimal(f"{whole}.{decimals}" if decimals else whole).scaleb(exponent)
    return value, Decimal(1).scaleb(exponent - len(decimals))


def stated_amounts(text: str) -> list[tuple[Stated, str]]:
    """Every amount of the text whose clause says what it is, with its clause."""
    found = []
    for sentence in _SENTENCES.split(text):
        for clause in _CLAUSES.split(sentence):
            figure = _figure_of(clause)
            if figure is None:
                continue
            for match in _AMOUNT.finditer(clause):
                amount, precision = _amount(match["number"], match["unit"])
                found.append((Stated(figure, amount, precision, match[0]), clause.strip()))
    return found


def mismatches(
    text: str,
    *,
    total_sek: int | None,
    sought_sek: int | None,
    cofinancing_sek: int | None,
) -> list[Mismatch]:
    """The amounts of the text that differ from the budget's figure of the same kind by more
    than the writer rounded (a figure the budget does not have, None, is not compared)."""
    budget = {
        Figure.TOTAL: total_sek,
        Figure.SOUGHT: sought_sek,
        Figure.COFINANCING: cofinancing_sek,
    }
    found = []
    for stated, clause in stated_amounts(text):
        figure = budget[stated.figure]
        if figure is not None and abs(stated.amount - figure) * 2 > stated.precision:
            found.append(Mismatch(stated.figure, stated.text, figure, clause))
    return found
