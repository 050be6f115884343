"""Attendance and participation per member municipality over a period, pure Python (no Django).

The feasibility study expects every member to attend the meetings and engage (§6.3) and warns of
meeting fatigue; a member whose attendance falls below `LOW_ATTENDANCE` of the meetings held is
flagged, so the coordinator can ask why before the member drifts away.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

# A member present at fewer than half of the meetings held in the period is flagged.
LOW_ATTENDANCE = Fraction(1, 2)

PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"


@dataclass(frozen=True)
class AttendanceRow:
    municipality: str  # a key, e.g. the SCB code
    status: str  # present, absent, excused, or "" when not recorded


@dataclass(frozen=True)
class VoteRow:
    municipality: str
    cast: bool


@dataclass(frozen=True)
class Participation:
    municipality: str
    meetings: int  # held meetings the member was invited to
    present: int
    absent: int
    excused: int
    not_recorded: int
    motions: int  # motions the member could vote on
    votes_cast: int

    @property
    def rate(self) -> Fraction | None:
        """The share of the meetings held at which the member was present."""
        return Fraction(self.present, self.meetings) if self.meetings else None

    @property
    def rate_percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(rate * 100)

    @property
    def low(self) -> bool:
        rate = self.rate
        return rate is not None and rate < LOW_ATTENDANCE


def participation(
    members: Iterable[str], attendance: Iterable[AttendanceRow], votes: Iterable[VoteRow]
) -> list[Participation]:
    """One row per member, in the order given: attendance at held meetings and votes cast."""
    counts: dict[str, dict[str, int]] = {
        m: {PRESENT: 0, ABSENT: 0, EXCUSED: 0, "": 0, "motions": 0, "cast": 0} for m in members
    }
    for row in attendance:
        if row.municipality in counts:
            counts[row.municipality][
                row.status if row.status in counts[row.municipality] else ""
            ] += 1
    for vote in votes:
        if vote.municipality in counts:
            counts[vote.municipality]["motions"] += 1
            counts[vote.municipality]["cast"] += int(vote.cast)
    return [
        Participation(
            municipality=m,
            meetings=c[PRESENT] + c[ABSENT] + c[EXCUSED] + c[""],
            present=c[PRESENT],
            absent=c[ABSENT],
            excused=c[EXCUSED],
            not_recorded=c[""],
            motions=c["motions"],
            votes_cast=c["cast"],
        )
        for m, c in counts.items()
    ]
