"""A meeting's invitation (kallelse) as iCalendar (RFC 5545, METHOD:REQUEST), so Outlook and
others put it in the calendar and follow later changes: the UID stays the same for a meeting and
the SEQUENCE grows with each change. No Django here."""

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    title: str
    starts: datetime  # timezone-aware
    ends: datetime
    location: str
    url: str
    description: str
    organizer: Person
    attendees: tuple[Person, ...]
    stamp: datetime


def one_line(text: str) -> str:
    """A text for one line – an e-mail's subject, a calendar entry's title – whatever line
    breaks and runs of spaces it was typed with."""
    return " ".join(text.split())


def _address(person: Person, **parameters: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["cn"] = vText(person.name)
    for key, value in parameters.items():
        address.params[key.replace("_", "-")] = vText(value)
    return address


def invitation_calendar(invitation: Invitation) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Navet//Möten//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", invitation.stamp)
    event.add("dtstart", invitation.starts)
    event.add("dtend", invitation.ends)
    event.add("summary", one_line(invitation.title))
    if invitation.location:
        event.add("location", invitation.location)
    if invitation.url:
        event.add("url", invitation.url)
    event.add("description", invitation.description)
    event.add("status", "CONFIRMED")
    event["organizer"] = _address(invitation.organizer)
    for person in invitation.attendees:
        event.add(
            "attendee",
            _address(person, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE"),
        )
    calendar.add_component(event)
    return calendar.to_ical()
