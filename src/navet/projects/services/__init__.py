"""Writes to projects: atomic, audited, permission-checked. `projects.py` holds a project's own
writes (create, change, move, the steering group's decision); `imports.py` brings a project list
from a spreadsheet in, all rows or none."""

from navet.projects.services.imports import (
    ImportPreview,
    ImportRefused,
    ImportRow,
    projects_import,
    projects_import_preview,
)
from navet.projects.services.projects import (
    EDITABLE,
    TransitionRefused,
    project_create,
    project_move,
    project_record_steering_decision,
    project_steering_decision_from_motion,
    project_update,
)

__all__ = [
    "EDITABLE",
    "ImportPreview",
    "ImportRefused",
    "ImportRow",
    "TransitionRefused",
    "project_create",
    "project_move",
    "project_record_steering_decision",
    "project_steering_decision_from_motion",
    "project_update",
    "projects_import",
    "projects_import_preview",
]
