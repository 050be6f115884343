"""The risk register as an `.xlsx` workbook (openpyxl, no Django): plain rows in, bytes out,
with Swedish headers in the study's words."""

from collections.abc import Iterable, Mapping

from navet.core import spreadsheets

COLUMNS = [
    spreadsheets.Column("title", "Risk", 40),
    spreadsheets.Column("belongs_to", "Gäller", 30),
    spreadsheets.Column("description", "Beskrivning", 50),
    spreadsheets.Column("likelihood", "Sannolikhet (Låg – Medel – Hög)", 16),
    spreadsheets.Column(
        "consequence", "Konsekvens (Allvarliga – Mer allvarliga – Mycket allvarliga)", 20
    ),
    spreadsheets.Column("level", "Allvarlighetsgrad", 16),
    spreadsheets.Column("severity", "Rang (1–9)", 10),
    spreadsheets.Column("measures", "Förebyggande åtgärder", 60),
    spreadsheets.Column("owner", "Ägare", 24),
    spreadsheets.Column("status", "Status", 12),
    spreadsheets.Column("review_on", "Uppföljningsdatum", 14),
]
HEADERS = [column.title for column in COLUMNS]


def write_workbook(rows: Iterable[Mapping[str, object]]) -> bytes:
    """One sheet, "Riskregister": a header row, then one row per risk in the given order."""
    return spreadsheets.write_workbook(rows, columns=COLUMNS, sheet_title="Riskregister")
