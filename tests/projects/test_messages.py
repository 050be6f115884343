"""The portfolio's spreadsheet reads in the reader's language: Swedish headers, statuses and
problems by default, English when asked – and a file imports again in the language it was
written in."""

from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from navet.projects import sheet

ROW = {"title": "Läxhjälp", "owner": "0160", "status": "Pågår", "starts_on": "2026-13-01"}


@pytest.mark.parametrize(
    ("language", "errors"),
    [
        ("sv", ["Start: ”2026-13-01” är inget datum (ÅÅÅÅ-MM-DD)."]),
        ("en", ["Unknown status “Pågår”.", "Start: “2026-13-01” is not a date (YYYY-MM-DD)."]),
    ],
)
def test_a_row_s_problems_read_in_the_active_language(language, errors) -> None:
    with translation.override(language):
        row = sheet.read_row(2, ROW)
        said = [str(error) for error in row.errors]
    assert len(said) == len(errors)
    assert all(text.startswith(start) for text, start in zip(said, errors, strict=True))


@pytest.mark.parametrize(
    ("language", "headers", "status"),
    [
        ("sv", ["Titel", "Beskrivning", "Projektägare"], "running"),
        ("en", ["Title", "Description", "Project owner"], "running"),
    ],
)
def test_an_export_imports_again_in_its_own_language(language, headers, status) -> None:
    with translation.override(language):
        name = str(sheet.STATUS_NAMES["running"])
        content = sheet.write_workbook([{"title": "Läxhjälp", "owner": "Täby", "status": name}])
        (row,) = sheet.read_workbook(content)
    assert row.status == status
    assert row.errors == []
    first = next(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    assert list(first[:3]) == headers
