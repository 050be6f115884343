"""A meeting title with a line break (typed in the API, or pasted) is sent as one line: an
e-mail's subject cannot hold a line break, and sending the invitation failed with a server
error."""

from django.core import mail
from icalendar import Calendar

from navet.decisions import services
from navet.decisions.models import Meeting


def test_a_meeting_title_with_a_line_break_is_sent_as_one_line(
    cast, meeting, django_capture_on_commit_callbacks
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(title="Styrgruppsmöte\r\ndecember\n")
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=cast.coordinator, meeting=meeting)
    (message,) = mail.outbox
    assert message.subject.startswith("Kallelse: Styrgruppsmöte december,")
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(event["summary"]) == "Styrgruppsmöte december"
