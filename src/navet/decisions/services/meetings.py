"""Writes to meetings: plan and change a meeting (its agenda, the needs raised and the motions
decided there), record each member's attendance, decide a motion at a steering group meeting by
the votes of the members present, and send the invitation (kallelse) as an iCalendar
attachment. Atomic, audited, permission-checked like the motions.

A meeting's attendance is one row per member municipality, created with the meeting, as a
motion's votes are. Changing the time, place, link or title of a meeting whose invitation was
sent raises its `sequence`, so the calendars that received it update when it is sent again.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.text import swedish_sort_key
from navet.decisions import invitation, tally
from navet.decisions.models import AgendaItem, Attendance, Meeting, Motion, Vote
from navet.decisions.permissions import can_manage_meetings, can_manage_motions
from navet.decisions.selectors import invitees, motion_tally
from navet.decisions.services.closing import motion_conclude
from navet.needs.models import Need
from navet.organisations.models import Consortium, ConsortiumMembership

# The fields `meeting_update` may change; the calendar follows changes to the first four.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "link")
EDITABLE = (*CALENDAR_FIELDS, "kind", "minutes")


@dataclass(frozen=True)
class AttendanceEntry:
    status: str  # present, absent, excused or "" (not recorded)
    attended_by: str = ""


def meeting_create(
    *,
    actor: User,
    consortium: Consortium,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    link: str = "",
    agenda: Sequence[str] = (),
    needs: Iterable[Need] = (),
    motions: Iterable[Motion] = (),
) -> Meeting:
    """Plan a meeting: every member municipality of the consortium today is invited and gets an
    attendance row. An agenda line that starts with a motion's registration number treats it."""
    can_manage_meetings(actor, consortium).require()
    meeting = Meeting(
        consortium=consortium,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        link=link.strip(),
        created_by=actor,
    )
    members = list(
        ConsortiumMembership.objects.filter(consortium=consortium).values_list(
            "municipality_id", flat=True
        )
    )
    if not members:
        raise DomainError(_("The consortium has no members to invite."))
    with transaction.atomic(), acting_as(actor):
        full_clean(meeting)
        meeting.save()
        for municipality_id in members:
            Attendance.objects.create(meeting=meeting, municipality_id=municipality_id)
        _set_agenda(meeting, agenda)
        _set_links(meeting, needs, motions)
    return meeting


def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    agenda: Sequence[str] | None = None,
    needs: Iterable[Need] | None = None,
    motions: Iterable[Motion] | None = None,
    **fields: Any,
) -> Meeting:
    """Change a meeting, its agenda, minutes and links. A change the invited calendars must
    follow raises the invitation's sequence."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"meeting_update() cannot set {', '.join(sorted(unknown))}")
    can_manage_meetings(actor, meeting.consortium).require()
    with transaction.atomic(), acting_as(actor):
        stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
        before = [getattr(stored, name) for name in CALENDAR_FIELDS]
        for name, value in fields.items():
            setattr(stored, name, value.strip() if isinstance(value, str) else value)
        if [getattr(stored, name) for name in CALENDAR_FIELDS] != before:
            stored.sequence += 1
        full_clean(stored)
        stored.save()
        if agenda is not None:
            _set_agenda(stored, agenda)
        _set_links(stored, needs, motions)
    return stored


def motion_put_on_agenda(*, actor: User, motion: Motion, meeting: Meeting) -> Meeting:
    """Put a motion last on a meeting's agenda, as decided at that meeting."""
    if meeting.consortium_id != motion.consortium_id:
        raise DomainError(_("A motion decided at the meeting must be the consortium's."))
    lines = [item.title for item in meeting.agenda.all()] + [f"{motion.number} {motion.title}"]
    return meeting_update(
        actor=actor, meeting=meeting, agenda=lines, motions=[*meeting.motions.all(), motion]
    )


def _set_agenda(meeting: Meeting, lines: Sequence[str]) -> None:
    items = [line.strip() for line in lines if line.strip()]
    if len(items) > 100:
        raise DomainError(_("An agenda has at most 100 items."))
    numbers = dict(Motion.objects.filter(consortium=meeting.consortium).values_list("number", "pk"))
    for old in meeting.agenda.all():
        old.delete()
    for position, line in enumerate(items, start=1):
        first = line.split(maxsplit=1)[0]
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=line[:300], motion_id=numbers.get(first)
        )


def _set_links(
    meeting: Meeting, needs: Iterable[Need] | None, motions: Iterable[Motion] | None
) -> None:
    if needs is not None:
        chosen = list(needs)
        members = set(meeting.consortium.memberships.values_list("municipality_id", flat=True))
        if any(need.municipality_id not in members for need in chosen):
            raise DomainError(_("A need raised at the meeting must be one of a member's."))
        meeting.needs.set(chosen)
    if motions is not None:
        decided = {motion.pk: motion for motion in motions}
        if any(m.consortium_id != meeting.consortium_id for m in decided.values()):
            raise DomainError(_("A motion decided at the meeting must be the consortium's."))
        for motion in Motion.objects.filter(meeting=meeting).exclude(pk__in=decided):
            if motion.votes.filter(meeting=meeting).exists():
                raise DomainError(
                    _("%(number)s was decided at the meeting and stays among its motions.")
                    % {"number": motion.number}
                )
            motion.meeting = None
            motion.save(update_fields=["meeting"])
        for motion in decided.values():
            if motion.meeting_id != meeting.pk:
                motion.meeting = meeting
                motion.save(update_fields=["meeting"])


def attendance_record(
    *,
    actor: User,
    meeting: Meeting,
    entries: dict[int, AttendanceEntry],
    now: datetime | None = None,
) -> Meeting:
    """Record who attended (by municipality id); the meeting is then held. Refused before the
    meeting has started."""
    can_manage_meetings(actor, meeting.consortium).require()
    now = now or timezone.now()
    if now < meeting.starts_at:
        raise DomainError(
            _("The meeting starts %(when)s; attendance is recorded once it has begun.")
            % {"when": _when(meeting.starts_at)}
        )
    if any(e.status not in ("", *Attendance.Status.values) for e in entries.values()):
        raise DomainError(_("Attendance is present, absent or excused."))
    with transaction.atomic(), acting_as(actor):
        stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
        rows = {a.municipality_id: a for a in stored.attendance.all()}
        strangers = set(entries) - set(rows)
        if strangers:
            raise DomainError(_("Only the municipalities invited to the meeting attend it."))
        for municipality_id, entry in entries.items():
            row = rows[municipality_id]
            attended_by = entry.attended_by.strip()[:300]
            if (row.status, row.attended_by) != (entry.status, attended_by):
                row.status, row.attended_by = entry.status, attended_by
                row.save()
        if stored.status != Meeting.Status.HELD:
            stored.status = Meeting.Status.HELD
            stored.save()
    return stored


def motion_decide_at_meeting(
    *,
    actor: User,
    motion: Motion,
    meeting: Meeting,
    choices: Mapping[int, str],
    now: datetime | None = None,
) -> Motion:
    """Decide `motion` at a held steering group meeting with the votes of the members present
    as the minutes record them (`choices` by municipality id: yes, no, abstain, or "" for a
    member present who did not vote), recorded by the coordinator. The motion's own quorum and
    majority apply, counted by `tally`; too few present or voting is refused, so a meeting never
    closes a motion without a decision. A motion open for voting may be decided so: each
    present member's vote becomes the meeting's (the form starts from the one it cast in the
    window), a member not present has no vote at the meeting and its window vote is cleared;
    the audit trail keeps every vote replaced. The motion then closes as `motion_close` closes
    it, a passed one recording its project's steering decision."""
    can_manage_motions(actor, motion.consortium).require()
    if meeting.consortium_id != motion.consortium_id:
        raise DomainError(_("A motion decided at the meeting must be the consortium's."))
    if meeting.kind != Meeting.Kind.STEERING:
        raise DomainError(
            _("Only a steering group meeting decides motions; this is a %(kind)s.")
            % {"kind": meeting.get_kind_display().lower()}
        )
    if any(choice not in ("", *Vote.Choice.values) for choice in choices.values()):
        raise DomainError(_("Vote yes, no or abstain."))
    now = now or timezone.now()
    with transaction.atomic(), acting_as(actor):
        stored = Motion.objects.select_for_update().get(pk=motion.pk)
        if stored.status == Motion.Status.CLOSED:
            raise DomainError(
                _("%(number)s is already decided: %(outcome)s.")
                % {"number": stored.number, "outcome": stored.get_outcome_display().lower()}
            )
        if stored.meeting_id != meeting.pk and not meeting.agenda.filter(motion=stored).exists():
            raise DomainError(
                _("%(number)s is not on the meeting's agenda; put it there first.")
                % {"number": stored.number}
            )
        held = Meeting.objects.select_for_update().get(pk=meeting.pk)
        attendance = list(held.attendance.select_related("municipality"))
        present = {a.municipality_id for a in attendance if a.status == Attendance.Status.PRESENT}
        if held.status != Meeting.Status.HELD or not any(a.status for a in attendance):
            raise DomainError(
                _("Record the meeting's attendance first: only the members present vote at it.")
            )
        votes = list(stored.votes.select_for_update().select_related("municipality"))
        voters = present & {vote.municipality_id for vote in votes}
        strangers = {m for m, choice in choices.items() if choice and m not in voters}
        if strangers:
            names = [a.municipality.name for a in attendance if a.municipality_id in strangers]
            raise DomainError(
                _("Only the members present vote at the meeting: %(names)s had no vote there.")
                % {"names": ", ".join(sorted(names, key=swedish_sort_key)) or "–"}
            )
        needed = tally.quorum_needed(len(votes), stored.rule().quorum)
        if len(voters) < needed:
            raise DomainError(
                _(
                    "The meeting has no quorum for %(number)s: %(present)s of %(members)s "
                    "members were present, at least %(needed)s are needed."
                )
                % {
                    "number": stored.number,
                    "present": len(voters),
                    "members": len(votes),
                    "needed": needed,
                }
            )
        for vote in votes:
            _record_at_meeting(vote, choices.get(vote.municipality_id, ""), actor, held, now)
        result = motion_tally(stored, votes)
        if result.outcome == tally.Outcome.NO_QUORUM:
            raise DomainError(
                _(
                    "Only %(voted)s of the members present voted on %(number)s; at least "
                    "%(needed)s votes are needed for a decision."
                )
                % {"voted": result.voted, "number": stored.number, "needed": needed}
            )
        return motion_conclude(actor=actor, motion=stored, result=result, now=now, meeting=held)


def _record_at_meeting(
    vote: Vote, choice: str, actor: User, meeting: Meeting, now: datetime
) -> None:
    """Store the vote the minutes record; without one, a vote cast in the window is cleared."""
    if choice:
        vote.choice, vote.cast_as, vote.cast_at = choice, Vote.CastAs.MEETING, now
        vote.cast_by, vote.meeting = actor, meeting
    elif vote.choice:
        vote.choice, vote.cast_as, vote.cast_at = "", "", None
        vote.cast_by, vote.meeting = None, None
    else:
        return
    vote.save()


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def meeting_calendar(
    meeting: Meeting, *, organizer: User | None, attendees: list[User], now: datetime
) -> bytes:
    """The meeting as an iCalendar invitation (METHOD:REQUEST)."""
    url = settings.NAVET_BASE_URL + reverse("decisions:meeting-detail", args=[meeting.pk])
    agenda = [f"{item.position}. {item.title}" for item in meeting.agenda.all()]
    description = "\n".join(
        [meeting.get_kind_display() + " – " + meeting.consortium.name, "", *agenda, "", url]
    )
    sender = _person(organizer) if organizer and organizer.email else None
    return invitation.invitation_calendar(
        invitation.Invitation(
            uid=f"meeting-{meeting.pk}@navet",
            sequence=meeting.sequence,
            title=meeting.title,
            starts=meeting.starts_at,
            ends=meeting.ends_at,
            location=meeting.place or meeting.link,
            url=meeting.link or url,
            description=description,
            organizer=sender or invitation.Person("Navet", _from_address()),
            attendees=tuple(_person(user) for user in attendees),
            stamp=now,
        )
    )


def _person(user: User) -> invitation.Person:
    return invitation.Person(user.get_full_name() or user.username, user.email)


def _from_address() -> str:
    sender: str = settings.DEFAULT_FROM_EMAIL
    return sender.rsplit("<", 1)[-1].rstrip(">").strip()


def meeting_invite(*, actor: User, meeting: Meeting, now: datetime | None = None) -> int:
    """Send the invitation (kallelse) by e-mail with the meeting as an iCalendar attachment, the
    coordinator as organiser. Returns how many were invited. Sending again after a change
    updates the calendars (same UID, higher sequence)."""
    can_manage_meetings(actor, meeting.consortium).require()
    now = now or timezone.now()
    if meeting.status == Meeting.Status.HELD:
        raise DomainError(_("The meeting has been held; no invitation goes out."))
    people = invitees(meeting)
    if not people:
        raise DomainError(
            _("Nobody to invite: no representative or contact has an e-mail address.")
        )
    calendar = meeting_calendar(meeting, organizer=actor, attendees=people, now=now)
    when = _when(meeting.starts_at)
    subject = _("Invitation: %(title)s, %(when)s") % {
        "title": invitation.one_line(meeting.title),
        "when": when,
    }
    body = "\n".join(
        [
            _("You are invited to %(kind)s of %(consortium)s.")
            % {
                "kind": meeting.get_kind_display().lower(),
                "consortium": meeting.consortium.name,
            },
            "",
            _("When: %(when)s") % {"when": f"{when} – {timezone.localtime(meeting.ends_at):%H:%M}"},
            _("Where: %(where)s") % {"where": meeting.place or meeting.link or "–"},
            "",
            *[f"{item.position}. {item.title}" for item in meeting.agenda.all()],
            "",
            settings.NAVET_BASE_URL + reverse("decisions:meeting-detail", args=[meeting.pk]),
        ]
    )
    reply_to = [actor.email] if actor.email else []
    message = EmailMessage(
        subject=subject, body=body, to=[u.email for u in people], reply_to=reply_to
    )
    message.attach("kallelse.ics", calendar, "text/calendar; method=REQUEST")
    with transaction.atomic(), acting_as(actor):
        stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
        stored.invited_at = now
        stored.save()
        transaction.on_commit(message.send)
    return len(people)
