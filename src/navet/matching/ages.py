"""The ages a call or need is for, read in its Swedish or English text (pure Python, no Django).

The title says who a call is for ("för barn 6–15 år", "nyanlända vuxna"); a description names
many people in passing ("föräldrar kan öva svenska med barnen i närheten"), so only an explicit
span of years counts there.
"""

import re
from typing import Final

from navet.core.text import Message
from navet.core.text import gettext_lazy as _

Ages = tuple[int, int]  # youngest and oldest, inclusive

OLDEST: Final = 120
# A span of years counts only after a word for people, so that "projekt i 2–3 år" is no age.
_SPAN: Final = re.compile(
    r"\b(?:barn|unga|ungdomar|elever|personer|vuxna|kvinnor|män|flickor|pojkar|åldern|"
    r"children|young people|people|adults|aged?)\b[^.\d]{0,30}?"
    r"\b(\d{1,2})\s*(?:–|-|—|och|till|to|and)\s*(\d{1,2})\s*(?:år|years)\b",
    re.I,
)
# Words that name an age group, most specific first: "unga vuxna" before "unga" and "vuxna".
_WORDS: Final = (
    (r"unga vuxna|young adults", (18, 29)),
    (r"förskolebarn|småbarn|young children", (0, 5)),
    (r"barn och unga|children and young people", (0, 25)),
    (r"barn|children", (0, 17)),
    (r"unga|ungdomar|young people|youth", (13, 25)),
    (r"vuxna|vuxen|adults?", (18, OLDEST)),
    (r"äldre|seniorer|older people|elderly", (65, OLDEST)),
)
_WORD_PATTERNS: Final = tuple(
    (re.compile(rf"\b(?:{words})\b", re.I), ages) for words, ages in _WORDS
)


def ages_of(title: str, description: str = "") -> Ages | None:
    """The ages the text is for, or None when it does not say."""
    if span := _span(title):
        return span
    found = []
    rest = title
    for pattern, ages in _WORD_PATTERNS:
        if pattern.search(rest):
            found.append(ages)
            rest = pattern.sub(" ", rest)
    if found:
        return min(a for a, _ in found), max(b for _, b in found)
    return _span(description)


def disjoint(first: Ages | None, second: Ages | None) -> bool:
    """Whether two age groups share no year (False when either is not known)."""
    if first is None or second is None:
        return False
    return first[1] < second[0] or second[1] < first[0]


def describe(ages: Ages) -> Message:
    """The age group in words: "6–15 år", "från 18 år"."""
    youngest, oldest = ages
    if oldest >= OLDEST:
        return _("from {youngest} years", youngest=youngest)
    return _("{youngest}–{oldest} years", youngest=youngest, oldest=oldest)


def _span(text: str) -> Ages | None:
    match = _SPAN.search(text)
    if not match:
        return None
    youngest, oldest = sorted((int(match[1]), int(match[2])))
    return youngest, oldest
