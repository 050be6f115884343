"""One calendar for every step: higher apps add their dated things in the open.

The calendar page and the iCalendar feeds belong to the calls app, the lowest app with dates; the
meetings, voting windows, report deadlines and project periods belong to apps above it, which it
may not import (docs/architecture.md). Each of those apps registers an entry provider in its
`AppConfig.ready`, as `navet.core.contributions` does for templates; the calendar asks every
provider for the entries of a window and knows nothing of who gave them
([ADR 0020](../../../docs/decisions/0020-one-calendar-from-registered-providers.md)).

A provider reads through its app's permission layer: it returns only what the actor may read.
No Django here, so the iCalendar writer (`navet.calls.ical`, pure) can take the entries as they
are.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# The kinds of entry, in the order the calendar's filter lists them.
CALL = "call"
MEETING = "meeting"
MOTION = "motion"
REPORT = "report"
PROJECT = "project"
KINDS = (CALL, MEETING, MOTION, REPORT, PROJECT)


@dataclass(frozen=True)
class Window:
    """What the calendar asks for: entries shown from `start` up to (not including) `end`, or
    every coming one when `end` is None, the first `limit` + 1 of them soonest first (one more
    than shown tells the page there are more)."""

    start: datetime
    end: datetime | None
    limit: int
    consortium_id: int | None = None  # only this consortium's entries; None: every readable one


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    uid: str  # stable, so calendars update an event instead of adding one: "meeting-12@navet"
    label: str  # the kind in words, before the title in a feed: "Möte"
    title: str
    starts: datetime | date  # a date: an all-day entry
    ends: datetime | date  # a date: the last day of an all-day entry
    day: date  # the day the calendar shows it on (Stockholm time)
    path: str  # its page in Navet
    consortium: str = ""  # the consortium's name; empty for what is public (calls)
    consortium_id: int | None = None
    location: str = ""
    link: str = ""  # a page outside Navet: the online meeting, the funder's call
    description: str = ""
    notes: tuple[str, ...] = ()  # words beside the title on the page: "Väntad", "Följd"
    busy: bool = False  # a meeting blocks the calendar; a deadline does not
    reminders: tuple[int, ...] = ()  # days before, for the feed's alarms
    updated: datetime | None = None

    @property
    def timed(self) -> bool:
        return isinstance(self.starts, datetime)

    @property
    def sort_key(self) -> tuple[date, str, str]:
        moment = self.starts.isoformat() if isinstance(self.starts, datetime) else ""
        return (self.day, moment, self.title)


Provider = Callable[[Any, Window], list[Entry]]  # (actor, window) -> entries, soonest first

_providers: dict[str, Provider] = {}


def register(kind: str, provider: Provider) -> None:
    """Let `provider` give the calendar its entries of `kind`; an app made ready twice (tests)
    registers once."""
    _providers[kind] = provider


def providers() -> dict[str, Provider]:
    """The registered providers by kind, in the order of KINDS."""
    return {kind: _providers[kind] for kind in KINDS if kind in _providers}
