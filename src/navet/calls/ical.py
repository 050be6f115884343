"""Deadlines as an iCalendar feed (RFC 5545) that Outlook can subscribe to. No Django here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event


@dataclass(frozen=True)
class Deadline:
    uid: str  # stable across feeds and refreshes, so calendars update instead of duplicating
    title: str
    closes: datetime  # timezone-aware
    url: str
    description: str
    updated: datetime


def deadline_calendar(name: str, deadlines: list[Deadline], *, generated: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Navet//Utlysningar//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    # Outlook and others poll at most this often.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for deadline in deadlines:
        event = Event()
        event.add("uid", deadline.uid)
        event.add("summary", f"Sista ansökningsdag: {deadline.title}")
        event.add("dtstart", deadline.closes - timedelta(minutes=30))
        event.add("dtend", deadline.closes)
        event.add("dtstamp", generated)
        event.add("last-modified", deadline.updated)
        event.add("description", deadline.description)
        if deadline.url:
            event.add("url", deadline.url)
        event.add("transp", "TRANSPARENT")
        for days in (14, 7, 2):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{days} dagar kvar: {deadline.title}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
