"""The resource's yearly cost is audited: who set which cost and key, and when."""

from auditlog.registry import auditlog

from navet.economics.models import ResourceCost, TimeEntry

auditlog.register(
    ResourceCost, include_fields=["consortium", "year", "cost_sek", "key", "base_share_percent"]
)
auditlog.register(
    TimeEntry, include_fields=["municipality", "project", "worked_on", "hours", "note"]
)
