"""Which matching records are audited: who dismissed a suggestion, why, and who restored it."""

from auditlog.registry import auditlog

from navet.matching.models import Dismissal

auditlog.register(Dismissal, include_fields=["need", "call", "reason", "note", "dismissed_by"])
