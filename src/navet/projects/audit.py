"""Which project fields are audited: every change, every move of status, and the links to
needs, participants and contacts."""

from auditlog.registry import auditlog

from navet.projects.models import Project

PROJECT_FIELDS = [
    "consortium",
    "title",
    "description",
    "scope",
    "owner",
    "call",
    "starts_on",
    "ends_on",
    "requested_sek",
    "granted_sek",
    "status",
    "steering_decision_reference",
    "steering_decision_on",
]

auditlog.register(
    Project,
    include_fields=PROJECT_FIELDS,
    m2m_fields={"needs", "participants", "contacts"},
)
