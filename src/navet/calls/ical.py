"""The one calendar as an iCalendar feed (RFC 5545) that Outlook can subscribe to. No Django here.

Each entry of `navet.core.calendar` becomes one event: a timed entry from its start to its end, an
all-day entry (dates) over its days. Deadlines are free time, meetings busy; a meeting has its
place as LOCATION and its online link as URL and CONFERENCE (RFC 7986)."""

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from navet.core.calendar import MEETING, Entry


def entries_calendar(name: str, entries: list[Entry], *, base: str, generated: datetime) -> bytes:
    """The feed named `name`; `base` (scheme and host) makes the entries' paths addresses."""
    calendar = Calendar()
    calendar.add("prodid", "-//Navet//Kalender//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    # Outlook and others poll at most this often.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for entry in entries:
        calendar.add_component(_event(entry, base=base, generated=generated))
    return calendar.to_ical()


def _event(entry: Entry, *, base: str, generated: datetime) -> Event:
    page = f"{base}{entry.path}"
    event = Event()
    event.add("uid", entry.uid)
    event.add("summary", f"{entry.label}: {entry.title}")
    event.add("dtstart", entry.starts)
    if isinstance(entry.starts, datetime):
        event.add("dtend", entry.ends)
    else:
        event.add("dtend", entry.ends + timedelta(days=1))  # the day after: DTEND is exclusive
    event.add("dtstamp", generated)
    if entry.updated is not None:
        event.add("last-modified", entry.updated)
    lines = [entry.description, entry.consortium, entry.location, entry.link, page]
    event.add("description", "\n".join(line for line in lines if line))
    if entry.location:
        event.add("location", entry.location)
    event.add("url", entry.link or page)
    if entry.kind == MEETING and entry.link:
        event.add("conference", entry.link, parameters={"VALUE": "URI"})
    event.add("transp", "OPAQUE" if entry.busy else "TRANSPARENT")
    for days in entry.reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{days} dagar kvar: {entry.title}")
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event
