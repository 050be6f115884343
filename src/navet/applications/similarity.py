"""Which earlier sections read most like the one being written. Pure Python: no Django.

A cheap measure that needs no index: the share of distinct words (three letters or more,
case-folded) the two texts have in common (Jaccard). Granted projects come first, as proven
texts are the ones worth reusing; within each group the most similar first.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w{3,}")


def words(text: str) -> frozenset[str]:
    return frozenset(match.casefold() for match in _WORD.findall(text))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Candidate:
    id: int
    text: str
    granted: bool


@dataclass(frozen=True)
class Match:
    id: int
    score: float
    granted: bool


def most_similar(query: str, candidates: Iterable[Candidate], limit: int = 5) -> list[Match]:
    """The candidates sharing any word with `query`, granted first, then by similarity."""
    asked = words(query)
    matches = []
    for candidate in candidates:
        score = similarity(asked, words(candidate.text))
        if score > 0:
            matches.append(Match(candidate.id, score, candidate.granted))
    matches.sort(key=lambda m: (not m.granted, -m.score, m.id))
    return matches[:limit]
