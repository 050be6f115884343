"""The steering group's dates in the one calendar (`navet.core.calendar`): meetings with their
place and online link, and motions' voting windows, of the consortia the actor may read."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.core import calendar
from navet.core.models import User
from navet.decisions.permissions import meetings_for, motions_for


def _within(rows: QuerySet, field: str, window: calendar.Window) -> QuerySet:
    rows = rows.filter(**{f"{field}__gte": window.start})
    if window.end is not None:
        rows = rows.filter(**{f"{field}__lt": window.end})
    if window.consortium_id is not None:
        rows = rows.filter(consortium_id=window.consortium_id)
    return rows.select_related("consortium")


def meeting_entries(actor: User, window: calendar.Window) -> list[calendar.Entry]:
    meetings = _within(meetings_for(actor), "starts_at", window).order_by("starts_at", "pk")
    return [
        calendar.Entry(
            kind=calendar.MEETING,
            uid=f"meeting-{meeting.pk}@navet",
            label=meeting.get_kind_display(),
            title=meeting.title,
            starts=meeting.starts_at,
            ends=meeting.ends_at,
            day=timezone.localtime(meeting.starts_at).date(),
            path=reverse("decisions:meeting-detail", args=[meeting.pk]),
            consortium=meeting.consortium.name,
            consortium_id=meeting.consortium_id,
            location=meeting.place,
            link=meeting.link,
            busy=True,
        )
        for meeting in meetings[: window.limit + 1]
    ]


def motion_entries(actor: User, window: calendar.Window) -> list[calendar.Entry]:
    """A motion's voting window, shown on the day it closes: the day the votes must be in."""
    motions = _within(motions_for(actor), "closes_at", window).order_by("closes_at", "pk")
    return [
        calendar.Entry(
            kind=calendar.MOTION,
            uid=f"motion-{motion.pk}-voting@navet",
            label=_("Voting closes"),
            title=f"{motion.number} {motion.title}",
            starts=motion.opens_at,
            ends=motion.closes_at,
            day=timezone.localtime(motion.closes_at).date(),
            path=reverse("decisions:motion-detail", args=[motion.pk]),
            consortium=motion.consortium.name,
            consortium_id=motion.consortium_id,
            description=_("Voting opens %(opens)s.")
            % {"opens": timezone.localtime(motion.opens_at).strftime("%Y-%m-%d %H:%M")},
            reminders=(2,),
        )
        for motion in motions[: window.limit + 1]
    ]
