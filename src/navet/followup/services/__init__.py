"""Writes to a project's budget and follow-up: permission-checked, validated, atomic and audited
with the actor. One module per concern; this package names them all."""

from navet.followup.services.budget import (
    budget_line_plan,
    budget_set,
    check_municipality,
    expenditure_add,
    expenditure_delete,
)
from navet.followup.services.ledger import ledger_import, ledger_mapping_set, ledger_read
from navet.followup.services.tracking import (
    alerts_send,
    indicator_add,
    intervention_record,
    measurement_add,
    report_deadline_add,
)

__all__ = [
    "alerts_send",
    "budget_line_plan",
    "budget_set",
    "check_municipality",
    "expenditure_add",
    "expenditure_delete",
    "indicator_add",
    "intervention_record",
    "ledger_import",
    "ledger_mapping_set",
    "ledger_read",
    "measurement_add",
    "report_deadline_add",
]
