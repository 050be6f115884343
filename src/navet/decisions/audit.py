"""Which decisions records are audited: every motion change, every vote (with its motion's id,
so the motion's history shows each vote cast and changed), documents and deputies;
meetings, their agenda and each attendance recorded."""

from auditlog.registry import auditlog

from navet.decisions.models import (
    AgendaItem,
    Attendance,
    Deputy,
    Meeting,
    Motion,
    MotionDocument,
    Vote,
)

auditlog.register(
    Motion,
    include_fields=[
        "consortium",
        "number",
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
        "status",
        "outcome",
        "closed_at",
        "meeting",
    ],
)
auditlog.register(Vote, include_fields=["municipality", "choice", "cast_by", "cast_as", "cast_at"])
auditlog.register(MotionDocument, include_fields=["name", "file"])
auditlog.register(Deputy, include_fields=["assignment"])
auditlog.register(
    Meeting,
    include_fields=[
        "consortium",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "link",
        "minutes",
        "status",
        "sequence",
        "invited_at",
    ],
    m2m_fields={"needs"},
)
auditlog.register(AgendaItem, include_fields=["position", "title", "motion"])
auditlog.register(Attendance, include_fields=["municipality", "status", "attended_by"])
