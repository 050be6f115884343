"""Which project fields are audited: every change, every move of status, the links to needs,
participants and contacts, the needs analysis checklist with its files, and the partners'
confirmations with the reason to submit without them."""

from auditlog.registry import auditlog

from navet.projects.models import (
    NeedsAnalysisFile,
    NeedsAnalysisItem,
    PartnerConfirmation,
    Project,
)

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
    "confirmations_waiver_reason",
]

auditlog.register(
    Project,
    include_fields=PROJECT_FIELDS,
    m2m_fields={"needs", "participants", "contacts"},
)
auditlog.register(NeedsAnalysisItem, include_fields=["project", "kind", "done", "notes"])
auditlog.register(NeedsAnalysisFile, include_fields=["item", "name"])
auditlog.register(
    PartnerConfirmation,
    include_fields=[
        "project",
        "municipality",
        "requested_at",
        "signed_by_name",
        "signed_by_title",
        "signed_on",
        "board_decision_reference",
        "file_name",
    ],
)
