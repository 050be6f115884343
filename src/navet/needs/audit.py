"""Which needs fields are audited: every change of a need and of its endorsements is kept."""

from auditlog.registry import auditlog

from navet.needs.models import Endorsement, Need

NEED_FIELDS = [
    "title",
    "description",
    "municipality",
    "priority",
    "raised_in",
    "raised_at",
    "status",
    "cofinancing_capacity_percent",
    "estimated_cost_sek",
]

auditlog.register(Need, include_fields=NEED_FIELDS, m2m_fields={"themes", "target_groups"})
auditlog.register(Endorsement, include_fields=["need", "municipality", "comment"])
