"""What every feed parser shares: the source's defaults, the result, and Swedish text helpers."""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from navet.calls.interchange import Problem
from navet.core.text import Message


@dataclass(frozen=True)
class SourceDefaults:
    """Configured per source: what its items lack (a feed item rarely names its programme)."""

    funder: str = ""
    programme: str = ""
    id_prefix: str = ""
    language: str = "sv"
    today: date | None = None  # for choosing among several deadlines
    topic_prefixes: tuple[str, ...] = ()  # EU portal: keep only topics whose id begins so


@dataclass
class Parsed:
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Records that announce a call without its dates: external id → why it is expected.
    expected: dict[str, Message] = field(default_factory=dict)


def plain_text(markup: str) -> str:
    """HTML to readable text: tags dropped, entities decoded, whitespace tidied."""
    text = re.sub(r"<(br|/p|/li|/h\d)\s*/?>", "\n", markup, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augusti": 8,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_DEADLINE_WORDS = re.compile(
    r"sista\s+ansökningsdag(?:en)?|sista\s+dag\s+att\s+(?:söka|ansöka)|ansök\s+senast|"
    r"ansökan\s+ska\s+vara\s+inne\s+senast|stänger|deadline|closing\s+date",
    re.IGNORECASE,
)
_ISO = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")
_WRITTEN = re.compile(r"(\d{1,2})\s+([a-zåäö]+)\.?\s+(20\d\d)", re.IGNORECASE)


def find_deadline(text: str) -> date | None:
    """The date written shortly after a deadline phrase ("Sista ansökningsdag är 29 maj 2027")."""
    return find_date_after(_DEADLINE_WORDS, text)


def find_date_after(phrase: re.Pattern[str], text: str) -> date | None:
    """The first date written shortly after one of the phrases."""
    for match in phrase.finditer(text):
        window = text[match.end() : match.end() + 60]
        found = _first_date(window)
        if found is not None:
            return found
    return None


def _first_date(text: str) -> date | None:
    candidates = []
    if iso := _ISO.search(text):
        candidates.append((iso.start(), _safe_date(*map(int, iso.groups()))))
    for written in _WRITTEN.finditer(text):
        month = MONTHS.get(written.group(2).lower())
        if month is not None:
            day, year = int(written.group(1)), int(written.group(3))
            candidates.append((written.start(), _safe_date(year, month, day)))
            break
    found = [(position, value) for position, value in candidates if value is not None]
    return min(found)[1] if found else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
