"""The study's risk assessment as plain data (no Django): the scales of likelihood and
consequence, a risk's severity on the 3×3 matrix, its order and the matrix's cells.

The feasibility study (§5.2) classifies each risk by its likelihood – Låg, Medel, Hög – and its
consequences – Allvarliga, Mer allvarliga, Mycket allvarliga. Severity combines the two: the
product of their steps (1–3 each) gives a score from 1 to 9, and where two cells score the same,
the one with the graver consequence is the more severe. That makes a strict order of the nine
cells (rank 1–9) that rises along both scales. The score also names a level: 1–2 low, 3–4
medium, 6–9 high.
"""

from dataclasses import dataclass
from enum import StrEnum


class Likelihood(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Consequence(StrEnum):
    SERIOUS = "serious"
    MORE_SERIOUS = "more_serious"
    VERY_SERIOUS = "very_serious"


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


LIKELIHOODS = (Likelihood.LOW, Likelihood.MEDIUM, Likelihood.HIGH)  # lowest first
CONSEQUENCES = (Consequence.SERIOUS, Consequence.MORE_SERIOUS, Consequence.VERY_SERIOUS)


def score(likelihood: str, consequence: str) -> int:
    """The product of the two steps, 1–9 (ValueError for a value off the scales)."""
    return (LIKELIHOODS.index(Likelihood(likelihood)) + 1) * (
        CONSEQUENCES.index(Consequence(consequence)) + 1
    )


def _key(likelihood: str, consequence: str) -> tuple[int, int]:
    return score(likelihood, consequence), CONSEQUENCES.index(Consequence(consequence))


# Every cell, least severe first.
_ORDER = sorted(((lk, c) for lk in LIKELIHOODS for c in CONSEQUENCES), key=lambda p: _key(*p))


def rank(likelihood: str, consequence: str) -> int:
    """The severity as a rank, 1 (least severe) to 9 (most): sort by it, highest first."""
    return _ORDER.index((Likelihood(likelihood), Consequence(consequence))) + 1


def level(likelihood: str, consequence: str) -> Level:
    value = score(likelihood, consequence)
    if value <= 2:
        return Level.LOW
    if value <= 4:
        return Level.MEDIUM
    return Level.HIGH


@dataclass(frozen=True)
class Cell:
    likelihood: Likelihood
    consequence: Consequence
    rank: int
    level: Level


def cell(likelihood: str, consequence: str) -> Cell:
    return Cell(
        Likelihood(likelihood),
        Consequence(consequence),
        rank(likelihood, consequence),
        level(likelihood, consequence),
    )


def rows() -> list[list[Cell]]:
    """The matrix as it is drawn: one row per likelihood, the highest at the top; one column per
    consequence, the least grave on the left."""
    return [[cell(lk, c) for c in CONSEQUENCES] for lk in reversed(LIKELIHOODS)]
