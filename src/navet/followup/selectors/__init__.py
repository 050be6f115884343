"""Reads of a project's budget and follow-up, scoped by the caller through the project it
passes (fetched with `projects.selectors.project_get`). `budget_summary(project)` is what the
application workspace shows of the budget: the lines, the total and what breaks the programme's
rules."""

from navet.followup.selectors.budget import (
    BudgetLineView,
    BudgetSummary,
    Grid,
    as_budget_line,
    budget_check,
    budget_grid,
    budget_lines,
    budget_summary,
    expenditures_of,
    indicators_of,
    interventions_of,
    ledger_imports,
    ledger_mapping,
    municipality_choices,
    project_with_rules,
    report_deadlines,
    rules_for,
)
from navet.followup.selectors.ledger import LedgerPreview, PreviewRow, ledger_preview, mapping_of
from navet.followup.selectors.tracking import (
    Followup,
    Inputs,
    Raised,
    alert_history,
    burnup_of,
    follow_on,
    followup_inputs,
    followup_of,
    report_data,
)

__all__ = [
    "BudgetLineView",
    "BudgetSummary",
    "Followup",
    "Grid",
    "Inputs",
    "LedgerPreview",
    "PreviewRow",
    "Raised",
    "alert_history",
    "as_budget_line",
    "budget_check",
    "budget_grid",
    "budget_lines",
    "budget_summary",
    "burnup_of",
    "expenditures_of",
    "follow_on",
    "followup_inputs",
    "followup_of",
    "indicators_of",
    "interventions_of",
    "ledger_imports",
    "ledger_mapping",
    "ledger_preview",
    "mapping_of",
    "municipality_choices",
    "project_with_rules",
    "report_data",
    "report_deadlines",
    "rules_for",
]
