"""Vinnova's open data: application rounds (ansökningsomgångar) and the calls they belong to.

A Navet call is a round: its dates are the round's, its text the round's and its call's. The
samples Navet is built on come from three public clients of the API, which spell some fields
differently; both spellings are read. Rounds not published (`Publik` 0) are skipped; a round
announced without dates (`AnnonseringslägePeriod`, `AnnonseringslägeÅr`) is an expected call.
Who may apply is read from the text, never assumed: most rounds are for companies and research.
"""

import calendar
import json
import re
from datetime import date
from typing import Any

from navet.calls.interchange import Problem, RecordError
from navet.calls.sources.base import MONTHS, Parsed, SourceDefaults, plain_text
from navet.core.text import Message
from navet.core.text import gettext_lazy as _

FUNDER = "Vinnova"
ROUNDS = "ansokningsomgangar"
CALLS = "utlysningar"

# Applicant kinds and the words a call's text names them by; "kommunala bolag" is no kommun.
_APPLICANTS = {
    "kommun": r"kommuner(?:na)?\b|\bkommun\b(?!al)",
    "kommunalforbund": r"kommunalförbund",
    "region": r"\bregion(?:er|erna)?\b",
    "myndighet": r"myndighet(?:er|erna)?\b",
    "ideell": r"ideell(?:a)?\b|civilsamhälle",
    "stiftelse": r"stiftelse(?:r)?\b",
    "foretag": r"företag\b",
    "utbildning": r"forskningsutförare|universitet|högskol",
}
_REFUSED = re.compile(r"\b(?:får|kan)\s+inte\s+söka", re.IGNORECASE)


def rounds_address(base: str, since: date) -> str:
    """The rounds changed since a day: `…/ansokningsomgangar/2026-03-01`."""
    return f"{base.rstrip('/')}/{since.isoformat()}"


def calls_address(base: str, numbers: list[str]) -> str:
    """The calls of these registration numbers: `…/utlysningar/2026-00412,2026-00590`."""
    root = base.rstrip("/").removesuffix(ROUNDS).rstrip("/")
    return f"{root}/{CALLS}/{','.join(numbers)}"


def call_numbers(rounds: bytes) -> list[str]:
    """The calls the published rounds belong to, for the second request (none if unreadable)."""
    try:
        items = _list(rounds)
    except ValueError:
        return []
    numbers = {
        str(item.get("DiarienummerUtlysning") or "")
        for item in items
        if isinstance(item, dict) and _published(item)
    }
    return sorted(number for number in numbers if number)


def parse_vinnova(rounds: bytes, calls: bytes, defaults: SourceDefaults) -> Parsed:
    parsed = Parsed()
    try:
        items = _list(rounds)
    except RecordError as error:
        parsed.problems.append(
            Problem(0, "", _("Vinnova's answer cannot be read: {error}", error=error.message), True)
        )
        return parsed
    try:
        by_number = {
            str(call.get("Diarienummer")): call for call in _list(calls) if isinstance(call, dict)
        }
    except RecordError:
        by_number = {}  # the rounds carry what a call needs; the call's text only adds to it
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.problems.append(Problem(position, "", _("The item is not an object."), True))
            continue
        number = str(item.get("Diarienummer") or "").strip()
        if not _published(item):
            continue
        try:
            record, expected = _record(
                item, by_number.get(str(item.get("DiarienummerUtlysning"))), defaults
            )
        except ValueError as error:
            why = error.message if isinstance(error, RecordError) else str(error)
            parsed.problems.append(Problem(position, number, why, True))
            continue
        parsed.records.append(record)
        if expected:
            parsed.expected[record["external_id"]] = expected
    return parsed


def applicants_in(text: str) -> list[str]:
    """The applicant kinds a text names as applicants; none when it names none."""
    if _REFUSED.search(text):
        text = " ".join(
            part for part in re.split(r"(?<=[.!?])\s+", text) if not _REFUSED.search(part)
        )
    return [kind for kind, words in _APPLICANTS.items() if re.search(words, text, re.IGNORECASE)]


def _list(content: bytes) -> list[Any]:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordError(_("not JSON ({error})", error=error)) from error
    if not isinstance(document, list):
        raise RecordError(_("the answer is not a list"))
    return document


def _published(item: dict[str, Any]) -> bool:
    return str(item.get("Publik", 1)) not in ("0", "False", "false")


def _record(
    item: dict[str, Any], call: dict[str, Any] | None, defaults: SourceDefaults
) -> tuple[dict[str, Any], Message | None]:
    number = str(item.get("Diarienummer") or "").strip()
    if not number:
        raise RecordError(_("The round has no Diarienummer."))
    call = call or {}
    title = _text(item, "Titel") or _text(call, "Titel")
    language = "sv"
    if not title:
        title, language = _text(item, "TitelEngelska") or _text(call, "TitelEngelska"), "en"
    if not title:
        raise RecordError(_("The round has no title."))
    description = "\n\n".join(
        part
        for part in dict.fromkeys(
            [_text(item, "Beskrivning"), _web_text(item), _text(call, "Beskrivning")]
        )
        if part
    )
    record: dict[str, Any] = {
        "external_id": f"{defaults.id_prefix}vinnova-{number}"[:200],
        "funder": defaults.funder or FUNDER,
        "programme": defaults.programme,
        "title": title,
        "description": description,
        "url": _link(item),
        "opens": _moment(item, "Oppningsdatum"),
        "closes": _moment(item, "Stangningsdatum"),
        "decision_date": (_moment(item, "UppskattatBeslutsdatum") or "")[:10] or None,
        "eligible_applicants": applicants_in(f"{title}\n{description}"),
        "language": language,
    }
    if record["closes"]:
        return record, None
    # Announced without dates: an expected call in the month (or year) Vinnova names.
    first, last, when = _announced(item)
    record["opens"], record["closes"] = first.isoformat(), last.isoformat()
    return record, _("Vinnova announces the round for {when}; its dates are not set.", when=when)


def _announced(item: dict[str, Any]) -> tuple[date, date, str]:
    period = _text(item, "AnnonseringslägePeriod")
    year_text = _text(item, "AnnonseringslägeÅr")
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise RecordError(_("The round has neither dates nor a year when it is expected to open."))
    year = int(year_text)
    month = MONTHS.get(period.lower())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), str(year)
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last_day), f"{period.lower()} {year}"


def _moment(item: dict[str, Any], key: str) -> str | None:
    """Local Swedish time without an offset, as Vinnova writes it (Navet reads it so)."""
    value = item.get(key)
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?)?", text):
        raise RecordError(
            _("The field {name} is not a point in time: {value}.", name=key, value=repr(text))
        )
    return text


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return plain_text(str(value)) if value not in (None, "") else ""


def _web_text(item: dict[str, Any]) -> str:
    """The round's web text in Swedish: `{"Text", "Lang"}` or `{"TextSv", "TextEn"}`."""
    for entry in item.get("WebTextLista") or []:
        if not isinstance(entry, dict):
            continue
        if entry.get("TextSv"):
            return plain_text(str(entry["TextSv"]))
        if entry.get("Text") and str(entry.get("Lang", "sv")).lower().startswith("sv"):
            return plain_text(str(entry["Text"]))
    return ""


def _link(item: dict[str, Any]) -> str:
    """The first link (`URL`, or `Lank`), else the primary document."""
    for entry in item.get("LankLista") or []:
        if isinstance(entry, dict) and (entry.get("URL") or entry.get("Lank")):
            return str(entry.get("URL") or entry.get("Lank"))
    documents = [d for d in item.get("DokumentLista") or [] if isinstance(d, dict)]
    primary = [d for d in documents if d.get("Primary")] or documents
    return str(primary[0].get("fileURL") or "") if primary else ""
