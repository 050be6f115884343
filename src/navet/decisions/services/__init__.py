"""Writes to motions and votes: atomic, audited, permission-checked. The meetings' writes are in
`services/meetings.py` and are reached from here too.

Integrity: a motion's votes are one row per member municipality, created with the motion (the
municipalities entitled to vote). Casting a vote locks the motion and the row (`select_for_update`
on PostgreSQL; on SQLite every write transaction takes the database's write lock at once, since
Navet opens them IMMEDIATE), so two deputies voting at the same moment change one row in turn.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core.audit import acting_as
from navet.core.errors import DomainError, full_clean
from navet.core.models import User
from navet.core.notifications import notify
from navet.core.uploads import safe_upload_name, validate_upload
from navet.decisions.models import Meeting, Motion, MotionDocument, Vote
from navet.decisions.permissions import can_manage_motions, can_vote_for, cast_as
from navet.decisions.selectors import motion_tally, steering_users
from navet.decisions.services.closing import motion_conclude
from navet.decisions.services.meetings import (
    AttendanceEntry,
    attendance_record,
    meeting_calendar,
    meeting_create,
    meeting_invite,
    meeting_update,
    motion_decide_at_meeting,
    motion_put_on_agenda,
)
from navet.organisations.models import Consortium, ConsortiumMembership, Municipality
from navet.projects.models import Project

__all__ = [
    "motion_decide_at_meeting",
    "motion_put_on_agenda",
    "AttendanceEntry",
    "attendance_record",
    "meeting_calendar",
    "meeting_create",
    "meeting_invite",
    "meeting_update",
]

REMIND_BEFORE = timedelta(days=2)  # a reminder goes out when this little of the window is left

# The fields `motion_update` may change (before the first vote).
EDITABLE = (
    "title",
    "proposal",
    "background",
    "project",
    "opens_at",
    "closes_at",
    "quorum_percent",
    "majority",
    "base",
    "abstentions_count",
    "tie",
)


class VotingClosed(DomainError):
    """The motion no longer (or not yet) takes votes."""


def _next_number(consortium: Consortium, year: int) -> str:
    prefix = f"{year}/"
    taken = Motion.objects.filter(consortium=consortium, number__startswith=prefix).count()
    return f"{prefix}{taken + 1:03d}"


def motion_create(
    *,
    actor: User,
    consortium: Consortium,
    title: str,
    proposal: str,
    closes_at: datetime,
    opens_at: datetime | None = None,
    background: str = "",
    project: Project | None = None,
    number: str = "",
    quorum_percent: int = 50,
    majority: str = Motion.Majority.SIMPLE,
    base: str = Motion.Base.CAST,
    abstentions_count: bool = False,
    tie: str = Motion.Tie.FAILS,
    meeting: Meeting | None = None,
) -> Motion:
    """Start a motion: every member municipality of the consortium today gets one vote. Without a
    registration number, the next of the year (`2026/007`) is given. With a `meeting`, the
    motion goes last on its agenda."""
    can_manage_motions(actor, consortium).require()
    opens_at = opens_at or timezone.now()
    motion = Motion(
        consortium=consortium,
        number=number.strip(),
        title=title.strip(),
        proposal=proposal.strip(),
        background=background.strip(),
        project=project,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum_percent=quorum_percent,
        majority=majority,
        base=base,
        abstentions_count=abstentions_count,
        tie=tie,
        created_by=actor,
    )
    _check_project(motion)
    members = list(
        ConsortiumMembership.objects.filter(consortium=consortium).values_list(
            "municipality_id", flat=True
        )
    )
    if not members:
        raise DomainError(_("The consortium has no members to vote."))
    try:
        with transaction.atomic(), acting_as(actor):
            if not motion.number:
                year = timezone.localtime(opens_at).year
                motion.number = _next_number(consortium, year)
            full_clean(motion)
            motion.save()
            for municipality_id in members:
                Vote.objects.create(motion=motion, municipality_id=municipality_id)
            if meeting is not None:
                motion_put_on_agenda(actor=actor, motion=motion, meeting=meeting)
    except IntegrityError as error:
        raise DomainError(
            _("The registration number %(number)s is already taken in %(consortium)s.")
            % {"number": motion.number, "consortium": consortium.name}
        ) from error
    return motion


def _check_project(motion: Motion) -> None:
    if motion.project is not None and motion.project.consortium_id != motion.consortium_id:
        raise DomainError(_("The project belongs to another consortium."))


def motion_update(*, actor: User, motion: Motion, **fields: Any) -> Motion:
    """Change a motion before anyone has voted; after the first vote it stays as it was put."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"motion_update() cannot set {', '.join(sorted(unknown))}")
    can_manage_motions(actor, motion.consortium).require()
    with transaction.atomic(), acting_as(actor):
        stored = Motion.objects.select_for_update().get(pk=motion.pk)
        if stored.status != Motion.Status.OPEN:
            raise VotingClosed(_("The motion is closed and can no longer be changed."))
        if stored.votes.exclude(choice="").exists():
            raise DomainError(_("Members have started to vote: the motion can no longer change."))
        for name, value in fields.items():
            setattr(stored, name, value.strip() if isinstance(value, str) else value)
        _check_project(stored)
        full_clean(stored)
        stored.save()
    return stored


def vote_cast(
    *,
    actor: User,
    motion: Motion,
    municipality: Municipality,
    choice: str,
    now: datetime | None = None,
) -> Vote:
    """Cast or change `municipality`'s vote. A representative's vote replaces a deputy's; a deputy
    cannot change the representative's. Refused outside the voting window and after closing."""
    can_vote_for(actor, motion, municipality).require()
    if choice not in Vote.Choice.values:
        raise DomainError(_("Vote yes, no or abstain."))
    voter_kind = cast_as(actor, motion.consortium, municipality)
    with transaction.atomic(), acting_as(actor):
        stored = Motion.objects.select_for_update().get(pk=motion.pk)
        now = now or timezone.now()
        _check_window(stored, now)
        vote = (
            Vote.objects.select_for_update()
            .filter(motion=stored, municipality=municipality)
            .first()
        )
        if vote is None:
            raise DomainError(
                _("%(name)s was not a member when the motion was put and has no vote on it.")
                % {"name": municipality.name}
            )
        if voter_kind == Vote.CastAs.DEPUTY and vote.cast_as == Vote.CastAs.REPRESENTATIVE:
            raise DomainError(
                _(
                    "%(name)s's representative has already voted; a deputy's vote counts only "
                    "while the representative has not."
                )
                % {"name": municipality.name}
            )
        vote.choice = choice
        vote.cast_by = actor
        vote.cast_as = voter_kind
        vote.cast_at = now
        vote.save()
    return vote


def _check_window(motion: Motion, now: datetime) -> None:
    if motion.status == Motion.Status.CLOSED:
        raise VotingClosed(
            _("The voting closed on %(when)s; no votes can be cast or changed.")
            % {"when": _when(motion.closed_at or motion.closes_at)}
        )
    if now < motion.opens_at:
        raise VotingClosed(_("The voting opens on %(when)s.") % {"when": _when(motion.opens_at)})
    if now >= motion.closes_at:
        raise VotingClosed(
            _("The voting closed on %(when)s; no votes can be cast or changed.")
            % {"when": _when(motion.closes_at)}
        )


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def motion_close(*, actor: User | None, motion: Motion, now: datetime | None = None) -> Motion:
    """Close the voting and freeze the result. A coordinator closes once the window has passed,
    or earlier when every member has voted; without an actor (the scheduled task), only after
    the window. Closing twice changes nothing."""
    if actor is not None:
        can_manage_motions(actor, motion.consortium).require()
    with transaction.atomic(), acting_as(actor):
        stored = Motion.objects.select_for_update().get(pk=motion.pk)
        if stored.status == Motion.Status.CLOSED:
            return stored
        now = now or timezone.now()
        result = motion_tally(stored)
        if now < stored.closes_at and (actor is None or result.not_voted):
            raise DomainError(
                _(
                    "The voting is open until %(when)s; it closes earlier only when every member "
                    "has voted."
                )
                % {"when": _when(stored.closes_at)}
            )
        return motion_conclude(actor=actor, motion=stored, result=result, now=now)


def motions_close_due(now: datetime) -> int:
    """Close every open motion whose window has passed (the scheduled task). Returns how many."""
    closed = 0
    for motion in Motion.objects.filter(status=Motion.Status.OPEN, closes_at__lte=now):
        motion_close(actor=None, motion=motion, now=now)
        closed += 1
    return closed


def vote_openings_send(now: datetime) -> int:
    """Tell the steering representatives and deputies of each municipality that has not voted
    that a vote is open; each person once per motion. Returns how many."""
    opened = Motion.objects.filter(status=Motion.Status.OPEN, opens_at__lte=now, closes_at__gt=now)
    return _tell_who_has_not_voted(
        opened, "open", _("The vote on %(number)s %(title)s is open; it closes %(when)s.")
    )


def vote_reminders_send(now: datetime) -> int:
    """Remind the steering representatives and deputies of each municipality that has not voted
    when little of the window is left; each person once per motion. Returns how many."""
    due = Motion.objects.filter(
        status=Motion.Status.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + REMIND_BEFORE,
    )
    return _tell_who_has_not_voted(
        due, "reminder", _("Not yet voted on %(number)s %(title)s; the voting closes %(when)s.")
    )


def _tell_who_has_not_voted(motions: QuerySet[Motion], kind: str, title: str) -> int:
    """Notify the seat holders of each municipality that has not voted on each motion, once per
    motion and `kind`; `title` takes the motion's number, title and closing time."""
    sent = 0
    for motion in motions.select_related("consortium"):
        silent = set(motion.votes.filter(choice="").values_list("municipality_id", flat=True))
        url = reverse("decisions:motion-detail", args=[motion.pk])
        for user in steering_users(motion.consortium, silent):
            sent += notify(
                user=user,
                key=f"motion-{motion.pk}-{kind}",
                title=title
                % {"number": motion.number, "title": motion.title, "when": _when(motion.closes_at)},
                url=url,
            )
    return sent


def motion_minutes_set(
    *, actor: User, motion: Motion, paragraph: str, adjusted_immediately: bool
) -> Motion:
    """Record the decision's paragraph (§) in the minutes and whether it is adjusted at once;
    the coordinators may do so before and after the voting closes."""
    can_manage_motions(actor, motion.consortium).require()
    with transaction.atomic(), acting_as(actor):
        stored = Motion.objects.select_for_update().get(pk=motion.pk)
        stored.paragraph = paragraph.strip()
        stored.adjusted_immediately = adjusted_immediately
        full_clean(stored)
        stored.save(update_fields=["paragraph", "adjusted_immediately"])
    return stored


def document_attach(*, actor: User, motion: Motion, upload: Any) -> MotionDocument:
    """Attach a document to an open motion; the upload is checked like every other."""
    can_manage_motions(actor, motion.consortium).require()
    if motion.status != Motion.Status.OPEN:
        raise VotingClosed(_("The motion is closed and can no longer be changed."))
    try:
        validate_upload(upload)
    except ValidationError as error:
        raise DomainError.from_validation(error) from error
    document = MotionDocument(motion=motion, name=str(upload.name)[:200], uploaded_by=actor)
    with transaction.atomic(), acting_as(actor):
        document.file.save(safe_upload_name(upload.name), upload, save=False)
        document.save()
    return document
