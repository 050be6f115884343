"""The invitation (kallelse): an iCalendar REQUEST with a stable UID and a growing SEQUENCE, sent
as an e-mail attachment to the members' representatives, and downloadable."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from icalendar import Calendar

from navet.decisions import services
from tests.decisions.conftest import steering


def read(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_invitation_is_sent_with_the_calendar_attached(
    cast, norrort, taby, meeting, django_capture_on_commit_callbacks
) -> None:
    steering("styrgrupp.taby", norrort, taby)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.meeting_invite(actor=cast.coordinator, meeting=meeting)
    assert sent == 2
    (message,) = mail.outbox
    assert sorted(message.to) == ["styrgrupp.sigtuna@example.se", "styrgrupp.taby@example.se"]
    assert "Styrgruppsmöte december" in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("kallelse.ics", "text/calendar; method=REQUEST")
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST"
    calendar, event = read(content.encode() if isinstance(content, str) else content)
    assert calendar["method"] == "REQUEST"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@navet"
    assert int(event["sequence"]) == 0
    assert str(event["summary"]) == "Styrgruppsmöte december"
    assert str(event["location"]) == "Sollentuna kommunhus"
    assert str(event["organizer"]) == "mailto:samordnare@example.se"
    assert sorted(str(a) for a in event["attendee"]) == [
        "mailto:styrgrupp.sigtuna@example.se",
        "mailto:styrgrupp.taby@example.se",
    ]
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    meeting.refresh_from_db()
    assert meeting.invited_at is not None


def test_a_network_meeting_also_invites_the_municipal_contacts(cast, meeting) -> None:
    services.meeting_update(actor=cast.coordinator, meeting=meeting, kind="network")
    meeting.refresh_from_db()
    services.meeting_invite(actor=cast.coordinator, meeting=meeting)
    _calendar, event = read(
        services.meeting_calendar(
            meeting, organizer=cast.coordinator, attendees=[cast.contact], now=meeting.starts_at
        )
    )
    assert str(event["attendee"]) == "mailto:kontakt.taby@example.se"
    from navet.decisions.selectors import invitees

    assert {u.username for u in invitees(meeting)} >= {"kontakt.taby", "styrgrupp.sigtuna"}


def test_a_change_keeps_the_uid_and_raises_the_sequence(cast, meeting) -> None:
    changed = services.meeting_update(
        actor=cast.coordinator,
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    _calendar, event = read(
        services.meeting_calendar(changed, organizer=None, attendees=[], now=meeting.starts_at)
    )
    assert str(event["uid"]) == f"meeting-{meeting.pk}@navet"
    assert int(event["sequence"]) == 1


def test_members_download_the_invitation(cast, meeting) -> None:
    client = Client()
    client.force_login(cast.viewer)
    response = client.get(f"/beslut/moten/{meeting.pk}/kallelse.ics")
    assert response["Content-Type"].startswith("text/calendar")
    _calendar, event = read(response.content)
    assert str(event["summary"]) == "Styrgruppsmöte december"


def test_the_page_sends_the_invitation(cast, meeting, django_capture_on_commit_callbacks) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/beslut/moten/{meeting.pk}/kallelse/", follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1


def test_no_invitation_for_a_held_meeting(cast, held, sigtuna) -> None:
    import pytest

    from navet.core.errors import DomainError

    services.attendance_record(
        actor=cast.coordinator,
        meeting=held,
        entries={sigtuna.pk: services.AttendanceEntry("present")},
    )
    held.refresh_from_db()
    with pytest.raises(DomainError):
        services.meeting_invite(actor=cast.coordinator, meeting=held)
    assert mail.outbox == []
