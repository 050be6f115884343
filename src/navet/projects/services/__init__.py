"""Writes to projects: atomic, audited, permission-checked. `projects.py` holds a project's own
writes (create, change, move, the steering group's decision); `preparation.py` the needs
analysis checklist and the partners' confirmations; `imports.py` brings a project list
from a spreadsheet in, all rows or none."""

from navet.projects.services.imports import (
    ImportPreview,
    ImportRefused,
    ImportRow,
    projects_import,
    projects_import_preview,
)
from navet.projects.services.preparation import (
    ChecklistEntry,
    confirmation_record,
    confirmation_reminders_send,
    confirmation_request,
    confirmations_waive,
    needs_analysis_file_add,
    needs_analysis_item_set,
    needs_analysis_save,
)
from navet.projects.services.projects import (
    EDITABLE,
    TransitionRefused,
    project_create,
    project_move,
    project_steering_decision_from_motion,
    project_update,
)

__all__ = [
    "ChecklistEntry",
    "confirmation_record",
    "confirmation_reminders_send",
    "confirmation_request",
    "confirmations_waive",
    "needs_analysis_file_add",
    "needs_analysis_item_set",
    "needs_analysis_save",
    "EDITABLE",
    "ImportPreview",
    "ImportRefused",
    "ImportRow",
    "TransitionRefused",
    "project_create",
    "project_move",
    "project_steering_decision_from_motion",
    "project_update",
    "projects_import",
    "projects_import_preview",
]
