"""Which knowledge fields are audited: entries (with their themes and target groups), their
files and their reuses; the files' and reuses' entries carry the entry's id."""

from auditlog.registry import auditlog

from navet.knowledge.models import Attachment, Entry, Reuse

ENTRY_FIELDS = [
    "consortium",
    "owner",
    "kind",
    "title",
    "description",
    "results",
    "contact_name",
    "contact_email",
    "links",
    "project",
]

auditlog.register(Entry, include_fields=ENTRY_FIELDS, m2m_fields={"themes", "target_groups"})
auditlog.register(Attachment, include_fields=["entry", "name"])
auditlog.register(Reuse, include_fields=["entry", "project", "municipality"])
