"""Which decisions records are audited: every motion change, every vote (with its motion's id,
so the motion's history shows each vote cast and changed), documents and deputies."""

from auditlog.registry import auditlog

from navet.decisions.models import Deputy, Motion, MotionDocument, Vote

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
    ],
)
auditlog.register(Vote, include_fields=["municipality", "choice", "cast_by", "cast_as", "cast_at"])
auditlog.register(MotionDocument, include_fields=["name", "file"])
auditlog.register(Deputy, include_fields=["assignment"])
