"""The risk register as an `.xlsx` workbook (openpyxl, no Django): plain rows in, bytes out,
with Swedish headers in the study's words."""

from collections.abc import Iterable, Mapping
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = [
    ("title", "Risk", 40),
    ("belongs_to", "Gäller", 30),
    ("description", "Beskrivning", 50),
    ("likelihood", "Sannolikhet (Låg – Medel – Hög)", 16),
    ("consequence", "Konsekvens (Allvarliga – Mer allvarliga – Mycket allvarliga)", 20),
    ("level", "Allvarlighetsgrad", 16),
    ("severity", "Rang (1–9)", 10),
    ("measures", "Förebyggande åtgärder", 60),
    ("owner", "Ägare", 24),
    ("status", "Status", 12),
    ("review_on", "Uppföljningsdatum", 14),
]
HEADERS = [header for _, header, _ in COLUMNS]


def write_workbook(rows: Iterable[Mapping[str, object]]) -> bytes:
    """One sheet, "Riskregister": a header row, then one row per risk in the given order."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    sheet.title = "Riskregister"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(key, "") for key, _, _ in COLUMNS])
    for index, (_, _, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
        if COLUMNS[index][0] == "review_on":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
