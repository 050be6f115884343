"""Which organisation records are audited (see navet.core.audit)."""

from auditlog.registry import auditlog

from navet.core.models import User
from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    RoleAssignment,
)

auditlog.register(Municipality, m2m_fields={"neighbours"})
auditlog.register(Consortium)
auditlog.register(ConsortiumMembership)
auditlog.register(RoleAssignment)
auditlog.register(User, exclude_fields=["password", "last_login"])
