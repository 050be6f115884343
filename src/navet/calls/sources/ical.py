"""iCalendar feeds (RFC 5545): each event is a deadline; its start is the closing time."""

from datetime import date, datetime

from icalendar import Calendar

from navet.calls.interchange import Problem
from navet.calls.sources.base import Parsed, SourceDefaults, plain_text
from navet.core.text import gettext_lazy as _


def parse_ical(content: bytes, defaults: SourceDefaults) -> Parsed:
    parsed = Parsed()
    try:
        calendar = Calendar.from_ical(content)
    except ValueError as error:
        parsed.problems.append(
            Problem(0, "", _("The calendar cannot be read: {error}", error=error), True)
        )
        return parsed
    for position, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = str(event.get("uid", "")).strip()
        start = event.get("dtstart")
        if not uid or start is None:
            reason = _("The event has no UID.") if not uid else _("The event has no start time.")
            parsed.problems.append(Problem(position, uid, reason, True))
            continue
        closes = start.dt
        parsed.records.append(
            {
                "external_id": f"{defaults.id_prefix}{uid}"[:200],
                "funder": defaults.funder,
                "programme": defaults.programme,
                "title": plain_text(str(event.get("summary", ""))),
                "description": plain_text(str(event.get("description", ""))),
                "url": str(event.get("url", "")),
                # A date-only event is the whole day; a timed one closes at that moment.
                "closes": closes.isoformat()
                if isinstance(closes, datetime)
                else date.isoformat(closes),
                "language": defaults.language,
            }
        )
    return parsed
