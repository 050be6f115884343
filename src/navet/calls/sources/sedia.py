"""The EU Funding & Tenders Portal search API (SEDIA).

Quirks handled here: every metadata value is a list of strings; the same topic comes once per
language (kept once, preferring the source's language, then English); a topic may have several
deadlines (multi-cut-off or two-stage: the next one not yet passed is the one to meet); the
budget is a JSON document inside a string; the status field may say open after the deadline
(Navet derives the status from the dates instead); deadlines are days, and the portal's calls
close at 17.00 Brussels time.
"""

import json
from typing import Any

from navet.calls.interchange import Problem, RecordError
from navet.calls.sources.base import Parsed, SourceDefaults, plain_text
from navet.core.text import gettext_lazy as _
from navet.core.text import group_thousands

FUNDER = "Europeiska kommissionen"
TOPIC_PAGE = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/{}"


def parse_sedia(content: bytes, defaults: SourceDefaults) -> Parsed:
    parsed = Parsed()
    try:
        document = json.loads(content.decode("utf-8"))
        results = document["results"]
        if not isinstance(results, list):
            raise RecordError(_("results is not a list"))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        parsed.problems.append(
            Problem(0, "", _("The EU portal's answer cannot be read: {error}", error=error), True)
        )
        return parsed
    prefixes = tuple(prefix for prefix in defaults.topic_prefixes if prefix)
    for position, topic in _one_per_topic(results, defaults.language):
        metadata = topic.get("metadata") if isinstance(topic, dict) else None
        identifier = _first(metadata, "identifier") if isinstance(metadata, dict) else ""
        if prefixes and not identifier.startswith(prefixes):
            continue  # another programme's topic, found by the free-text search
        try:
            parsed.records.append(_record(topic, defaults))
        except (KeyError, IndexError, TypeError, ValueError) as error:
            why = error.message if isinstance(error, RecordError) else repr(error)
            parsed.problems.append(
                Problem(
                    position, identifier, _("The item cannot be read: {error}", error=why), True
                )
            )
    return parsed


def _one_per_topic(results: list[Any], language: str) -> list[tuple[int, dict[str, Any]]]:
    preference = {language: 0, "en": 1}
    chosen: dict[str, tuple[int, int, dict[str, Any]]] = {}
    for position, result in enumerate(results, start=1):
        metadata = result.get("metadata", {}) if isinstance(result, dict) else {}
        identifier = _first(metadata, "identifier") or f"utan-id-{position}"
        rank = preference.get(_first(metadata, "language"), 2)
        if identifier not in chosen or rank < chosen[identifier][0]:
            chosen[identifier] = (rank, position, result)
    return sorted(
        ((position, result) for _, position, result in chosen.values()), key=lambda x: x[0]
    )


def _record(topic: dict[str, Any], defaults: SourceDefaults) -> dict[str, Any]:
    metadata = topic["metadata"]
    identifier = _first(metadata, "identifier")
    deadlines = sorted(metadata.get("deadlineDate") or [])
    if not identifier or not deadlines:
        raise RecordError(_("identifier or deadlineDate is missing"))
    description = plain_text(_first(metadata, "descriptionByte"))
    notes = []
    if len(deadlines) > 1:
        model = _first(metadata, "deadlineModel") or "flera ansökningsomgångar"
        notes.append(f"Sista dagar ({model}): " + ", ".join(d[:10] for d in deadlines) + ".")
    if budget := _budget_line(metadata, identifier):
        notes.append(budget)
    return {
        "external_id": f"{defaults.id_prefix}sedia-{identifier}"[:200],
        "funder": defaults.funder or FUNDER,
        "programme": defaults.programme,
        "title": f"{identifier}: {_first(metadata, 'title')}",
        "description": "\n\n".join([description, *notes]).strip(),
        "url": topic.get("url") or TOPIC_PAGE.format(identifier.lower()),
        "opens": _day(_first(metadata, "startDate")),
        # The portal gives the day; its calls close at 17.00 Brussels time (= Stockholm time).
        "closes": f"{_next_deadline(deadlines, defaults)}T17:00:00",
        "language": _first(metadata, "language") or "en",
    }


def _budget_line(metadata: dict[str, Any], identifier: str) -> str:
    """The expected grant size in euro, from the budget JSON encoded as a string."""
    raw = _first(metadata, "budgetOverview")
    if not raw:
        return ""
    try:
        overview = json.loads(raw)
    except ValueError:
        return ""
    for actions in overview.get("budgetTopicActionMap", {}).values():
        for action in actions:
            if str(action.get("action", "")).startswith(identifier):
                low, high = action.get("minContribution"), action.get("maxContribution")
                if low and high:
                    return f"Bidrag per projekt: {_euro(low)}–{_euro(high)} euro."
    return ""


def _euro(amount: float | int | str) -> str:
    return group_thousands(round(float(amount)))


def _next_deadline(deadlines: list[str], defaults: SourceDefaults) -> str | None:
    """The first cut-off not yet passed (two-stage: the first stage); the last one if all have."""
    days = [_day(d) or "" for d in deadlines]
    today = defaults.today.isoformat() if defaults.today else ""
    return next((day for day in days if day >= today), days[-1])


def _day(value: str) -> str | None:
    """SEDIA writes `2026-04-29T00:00:00.000+0000`; the day is what it means."""
    return value[:10] or None


def _first(metadata: dict[str, Any], key: str) -> str:
    values = metadata.get(key) or [""]
    return str(values[0]) if isinstance(values, list) else str(values)


def search_parts(language: str = "en") -> dict[str, tuple[None, str, str]]:
    """The multipart body of a search for open and forthcoming grant topics. Each part must be
    sent as application/json, or the portal answers with a server error."""
    query = {
        "bool": {
            "must": [
                {"terms": {"type": ["1", "2"]}},
                {"terms": {"status": ["31094501", "31094502"]}},
            ]
        }
    }
    return {
        "query": (None, json.dumps(query), "application/json"),
        "languages": (None, json.dumps([language]), "application/json"),
        "sort": (None, json.dumps({"field": "deadlineDate", "order": "ASC"}), "application/json"),
    }
