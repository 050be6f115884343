"""The application's review and its comments are audited; the sections' texts keep their own
history as versions, which are never changed."""

from auditlog.registry import auditlog

from navet.applications.models import Application, Comment

auditlog.register(Application, include_fields=["project", "call", "review_status"])
auditlog.register(Comment, include_fields=["section", "text", "resolved_at", "resolved_by"])
