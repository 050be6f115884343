"""Calls keep the history of their changes (a moved deadline shows who moved it and when)."""

from auditlog.registry import auditlog

from navet.calls.models import SOURCE_SETTINGS, Call, Funder, Programme, Source

CALL_FIELDS = [
    "external_id",
    "funder",
    "programme",
    "title",
    "description",
    "url",
    "opens",
    "closes",
    "decision_date",
    "min_amount_sek",
    "max_amount_sek",
    "cofinancing_percent",
    "eligible_applicants",
    "classification",
    "language",
    "source",
]
auditlog.register(Call, include_fields=CALL_FIELDS, m2m_fields={"themes", "target_groups"})
auditlog.register(Funder, include_fields=["name", "slug", "kind", "website", "county_code"])
auditlog.register(
    Programme,
    include_fields=[
        "funder",
        "name",
        "slug",
        "title",
        "legal_basis",
        "eligible_applicants",
        "applicant_rule",
        "cofinancing_percent",
        "indirect_cost_cap_percent",
        "max_duration_months",
        "reporting",
        "unspent_repaid",
        "notes",
        "sources",
    ],
)
auditlog.register(Source, include_fields=list(SOURCE_SETTINGS))
