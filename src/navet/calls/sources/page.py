"""Watching a web page that publishes calls without a feed (Länsstyrelsen, ESF-rådet).

Only the page's content region is compared – chosen by a CSS selector or by the texts it starts
after and ends before – so that dates, menus and counters around it raise nothing. A change
becomes a review for the coordinator with the lines added and removed, and the added text
prefills the call the coordinator registers from it. No Django here.
"""

import difflib
import hashlib
import re
from dataclasses import dataclass

import lxml.html
from lxml.cssselect import CSSSelector, SelectorError

from navet.calls.sources.base import find_date_after, find_deadline, plain_text

_NOISE = re.compile(
    r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
LINES_SHOWN = 30  # lines added, and removed, that a review shows at most


@dataclass(frozen=True)
class Region:
    """Where a page's content is: a CSS selector, or the texts it starts after and ends before."""

    selector: str = ""
    start: str = ""
    end: str = ""


def page_text(content: bytes, region: Region | None = None) -> tuple[str, bool]:
    """The text a reader sees in the page's content region – scripts, styles and comments
    dropped, markup removed – and whether the region was found (if not: the whole page)."""
    markup = _NOISE.sub(" ", _decode(content))
    region = region or Region()
    if region.selector:
        found = _selected(markup, region.selector)
        return (plain_text(found), True) if found is not None else (plain_text(markup), False)
    text = plain_text(markup)
    if region.start and region.end:
        begins = text.find(region.start)
        ends = text.find(region.end, begins + len(region.start)) if begins >= 0 else -1
        if ends < 0:
            return text, False
        return text[begins + len(region.start) : ends].strip(), True
    return text, True


def valid_selector(selector: str) -> bool:
    try:
        CSSSelector(selector)
    except SelectorError:
        return False
    return True


def _selected(markup: str, selector: str) -> str | None:
    try:
        document = lxml.html.fromstring(_XML_DECLARATION.sub("", markup) or "<html></html>")
        elements = CSSSelector(selector)(document)
    except (SelectorError, ValueError, lxml.etree.ParserError):
        return None
    if not elements:
        return None
    return "\n".join(lxml.html.tostring(element, encoding="unicode") for element in elements)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def changed_lines(before: str, after: str, limit: int = LINES_SHOWN) -> tuple[list[str], list[str]]:
    """The lines added to the text, and those removed from it, each in page order."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    added = [line[2:] for line in diff if line.startswith("+ ") and line[2:].strip()]
    removed = [line[2:] for line in diff if line.startswith("- ") and line[2:].strip()]
    return added[:limit], removed[:limit]


def added_lines(before: str, after: str, limit: int = LINES_SHOWN) -> list[str]:
    """The lines of `after` that were not in `before`, in page order."""
    return changed_lines(before, after, limit)[0]


_OPENS = re.compile(
    r"öppnar|öppen\s+från|ansök(?:an|ningsperioden)?\s+öppnar|från\s+och\s+med|fr\.o\.m\.",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?\s*"
    r"(mnkr|mkr|msek|miljoner\s+kronor|miljoner\s+kr|tkr|kronor|kr)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CallDraft:
    """What the added text of a page says of a new call, for the coordinator to confirm."""

    title: str
    description: str
    opens: str | None  # YYYY-MM-DD
    closes: str | None  # YYYY-MM-DD
    max_amount_sek: int | None


def call_draft(lines: list[str]) -> CallDraft:
    """A call as the added lines describe it: the first line that is not only a date or an
    amount as its title, the deadline ("sista ansökningsdag 15 mars 2027"), the opening day, and
    the largest amount named ("2 mnkr", "500 000 kronor")."""
    text = "\n".join(lines)
    titles = [
        line
        for line in lines
        if len(line) >= 8 and find_deadline(line) is None and not _AMOUNT.search(line)
    ]
    closes = find_deadline(text)
    opens = find_date_after(_OPENS, text)
    return CallDraft(
        title=(titles or lines or [""])[0][:300],
        description=text,
        opens=opens.isoformat() if opens and (closes is None or opens <= closes) else None,
        closes=closes.isoformat() if closes else None,
        max_amount_sek=max(_amounts(text), default=None),
    )


def _amounts(text: str) -> list[int]:
    amounts = []
    for whole, fraction, unit in _AMOUNT.findall(text):
        digits = re.sub(r"[ \u00a0]", "", whole)
        value = float(f"{digits}.{fraction or 0}")
        unit = unit.lower()
        if unit in ("mnkr", "mkr", "msek") or unit.startswith("miljoner"):
            value *= 1_000_000
        elif unit == "tkr":
            value *= 1_000
        amounts.append(round(value))
    return amounts


def _decode(content: bytes) -> str:
    declared = _CHARSET.search(content[:4096])
    encodings = [declared.group(1).decode("ascii", "ignore")] if declared else []
    for encoding in [*encodings, "utf-8", "cp1252"]:
        try:
            return content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", "replace")
