"""Which decisions records are audited: every motion change, every vote (with its motion's id,
so the motion's history shows each vote cast and changed), documents and deputies;
meetings, their agenda and each attendance recorded; the agreement, its goals, sub-goals,
measurements and action plan."""

from auditlog.registry import auditlog

from navet.decisions.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    Attendance,
    BoardDecision,
    Deputy,
    Goal,
    Measurement,
    Meeting,
    Motion,
    MotionDocument,
    SubGoal,
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
        "paragraph",
        "adjusted_immediately",
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
auditlog.register(Agreement, include_fields=["title", "vision", "reference", "adopted_on"])
auditlog.register(Goal, include_fields=["position", "title", "description"])
auditlog.register(
    SubGoal,
    include_fields=[
        "goal",
        "position",
        "title",
        "indicator",
        "unit",
        "baseline",
        "baseline_on",
        "target",
        "target_on",
    ],
)
auditlog.register(Measurement, include_fields=["subgoal", "measured_on", "value", "note"])
auditlog.register(
    ActionItem,
    include_fields=[
        "area",
        "action",
        "responsible_municipality",
        "responsible_body",
        "due_on",
        "status",
    ],
)
auditlog.register(
    BoardDecision,
    include_fields=[
        "municipality",
        "body",
        "decided_on",
        "paragraph",
        "reference",
        "outcome",
        "adjusted_immediately",
    ],
)
