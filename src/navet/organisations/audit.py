"""Which organisation records are audited, and which of their fields (see navet.core.audit)."""

from auditlog.registry import auditlog

from navet.organisations.models import Consortium, Municipality, RoleAssignment

auditlog.register(
    Municipality,
    include_fields=["code", "name", "county_code", "county_name", "population", "population_year"],
    m2m_fields={"neighbours"},
)
auditlog.register(
    Consortium, include_fields=["name", "slug", "description"], m2m_fields={"members"}
)
auditlog.register(RoleAssignment, include_fields=["user", "role", "consortium", "municipality"])
