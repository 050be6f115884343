"""The risk register as an `.xlsx` workbook (openpyxl, no Django): plain rows in, bytes out,
with headers in the study's words, in the reader's language."""

from collections.abc import Iterable, Mapping

from navet.core import spreadsheets
from navet.core.text import gettext_lazy as _

# (key, header, width) in the order of the sheet.
COLUMNS = (
    ("title", _("Risk"), 40),
    ("belongs_to", _("Belongs to"), 30),
    ("description", _("Description"), 50),
    ("likelihood", _("Likelihood (Low – Medium – High)"), 16),
    ("consequence", _("Consequence (Serious – More serious – Very serious)"), 20),
    ("level", _("Severity"), 16),
    ("severity", _("Rank (1–9)"), 10),
    ("measures", _("Preventive measures"), 60),
    ("owner", _("Owner"), 24),
    ("status", _("Status"), 12),
    ("review_on", _("Review date"), 14),
)


def write_workbook(rows: Iterable[Mapping[str, object]]) -> bytes:
    """One sheet, "Riskregister": a header row, then one row per risk in the given order."""
    columns = [spreadsheets.Column(key, str(header), width) for key, header, width in COLUMNS]
    return spreadsheets.write_workbook(rows, columns=columns, sheet_title=str(_("Risk register")))
