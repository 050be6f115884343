"""Closing a motion, the one step both ways of deciding it end with – the voting window closed
(`motion_close`) or the votes recorded at a steering group meeting (`motion_decide_at_meeting`):
the outcome and the frozen result are stored, and a passed motion about a project records the
project's steering decision. The caller holds the motion locked in its transaction."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from navet.core.errors import full_clean
from navet.core.models import User
from navet.decisions import tally
from navet.decisions.models import Attendance, Meeting, Motion
from navet.projects.services import project_steering_decision_from_motion


def motion_conclude(
    *,
    actor: User | None,
    motion: Motion,
    result: tally.Result,
    now: datetime,
    meeting: Meeting | None = None,
) -> Motion:
    """Close the locked `motion` with `result`; decided at `meeting`, the decision is dated on
    the meeting's day, otherwise on the day it closes."""
    motion.status = Motion.Status.CLOSED
    motion.outcome = result.outcome.value
    motion.closed_at = now
    if meeting is not None:
        motion.meeting = meeting
    motion.result = frozen_result(motion, result, meeting)
    full_clean(motion)
    motion.save()
    if motion.outcome == tally.Outcome.PASSED and motion.project is not None:
        project_steering_decision_from_motion(
            actor=actor,
            project=motion.project,
            reference=motion.number,
            decided_on=_decided_on(now, meeting),
        )
    return motion


def _decided_on(closed_at: datetime, meeting: Meeting | None) -> date:
    return timezone.localdate(meeting.starts_at if meeting is not None else closed_at)


def frozen_result(
    motion: Motion, result: tally.Result, meeting: Meeting | None = None
) -> dict[str, Any]:
    """The result as stored at close: counts, reasons, every municipality's vote and, when the
    votes were recorded at a meeting, that meeting."""
    votes = motion.votes.select_related("municipality", "cast_by").order_by("municipality__code")
    present = (
        set(
            meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list(
                "municipality_id", flat=True
            )
        )
        if meeting is not None
        else None
    )
    frozen: dict[str, Any] = {
        "outcome": result.outcome.value,
        "members": result.members,
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
        "not_voted": result.not_voted,
        "base": result.base,
        "required": result.required,
        "turnout_percent": round(float(result.turnout) * 100, 1),
        "reasons": [str(reason) for reason in result.reasons],
        "votes": [
            {
                "municipality": vote.municipality.code,
                "name": vote.municipality.name,
                "choice": vote.choice,
                "cast_by": str(vote.cast_by.get_full_name() or vote.cast_by)
                if vote.cast_by
                else "",
                "cast_by_id": vote.cast_by_id,
                "cast_as": vote.cast_as,
                "cast_at": vote.cast_at.isoformat() if vote.cast_at else None,
                # Decided at a meeting: whether the member was there (only those present vote).
                **({"present": vote.municipality_id in present} if present is not None else {}),
            }
            for vote in votes
        ],
    }
    if meeting is not None:
        frozen["meeting"] = {
            "id": meeting.pk,
            "title": meeting.title,
            "day": timezone.localdate(meeting.starts_at).isoformat(),
        }
    return frozen
