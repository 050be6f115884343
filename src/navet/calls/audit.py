"""Calls keep the history of their changes (a moved deadline shows who moved it and when)."""

from auditlog.registry import auditlog

from navet.calls.models import Call, Funder, Programme

auditlog.register(
    Call,
    exclude_fields=["id", "created_at", "updated_at"],
    m2m_fields={"themes", "target_groups"},
)
auditlog.register(Funder, exclude_fields=["id"])
auditlog.register(Programme, exclude_fields=["id"])
