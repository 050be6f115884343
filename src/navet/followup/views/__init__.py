"""The budget and follow-up pages of a project, one module per page family."""

from navet.followup.views.budget import budget_page, line_plan
from navet.followup.views.exports import expenditure_export
from navet.followup.views.followup import (
    expenditure_add,
    expenditure_delete,
    followup_page,
    indicator_add,
    intervention_add,
    measurement_add,
    portfolio_page,
    report_deadline_add,
    report_download,
)
from navet.followup.views.ledger import ledger_import

__all__ = [
    "budget_page",
    "expenditure_add",
    "expenditure_delete",
    "expenditure_export",
    "followup_page",
    "portfolio_page",
    "indicator_add",
    "intervention_add",
    "ledger_import",
    "line_plan",
    "measurement_add",
    "report_deadline_add",
    "report_download",
]
