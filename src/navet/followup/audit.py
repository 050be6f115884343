"""Every change to a budget line, an expenditure, an indicator, a report deadline and an
intervention is recorded with the acting user."""

from auditlog.registry import auditlog

from navet.followup.models import (
    BudgetLine,
    Expenditure,
    Indicator,
    Intervention,
    LedgerMapping,
    Measurement,
    ReportDeadline,
)

auditlog.register(
    BudgetLine,
    include_fields=["project", "category", "year", "municipality", "amount_sek", "profile"],
)
auditlog.register(
    Expenditure,
    include_fields=["project", "budget_line", "spent_on", "amount", "description", "reference"],
)
auditlog.register(LedgerMapping, exclude_fields=["updated_at", "updated_by"])
auditlog.register(Indicator, include_fields=["project", "name", "unit", "baseline", "target"])
auditlog.register(Measurement, include_fields=["indicator", "measured_on", "value", "note"])
auditlog.register(ReportDeadline, include_fields=["project", "kind", "due_on", "submitted_on"])
auditlog.register(Intervention, include_fields=["project", "occurred_on", "reason", "action"])
