"""Every change to a risk and to the SWOT board is recorded; the severity follows from the two
scales, so it is left out."""

from auditlog.registry import auditlog

from navet.risks.models import Risk, SwotItem

RISK_FIELDS = [
    "consortium",
    "project",
    "title",
    "description",
    "likelihood",
    "consequence",
    "owner",
    "measures",
    "status",
    "review_on",
]

auditlog.register(Risk, include_fields=RISK_FIELDS)
auditlog.register(SwotItem, include_fields=["consortium", "quadrant", "text", "position"])
