"""The register's export reads in the reader's language – Swedish by default, in the study's
words, English when asked – and a project's risks for its application in Swedish, for the
funder."""

from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from navet.risks import selectors, sheet
from navet.risks.services import risk_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk(cast, idea):
    return risk_create(
        actor=cast.contact,
        project=idea,
        owner=cast.contact,
        title="Få deltagare",
        likelihood="medium",
        consequence="more_serious",
        measures="Samarbeta med SFI.",
    )


@pytest.mark.parametrize(
    ("language", "title", "headers", "row"),
    [
        (
            "sv",
            "Riskregister",
            ("Risk", "Gäller", "Beskrivning", "Sannolikhet (Låg – Medel – Hög)"),
            ("Projekt: Läxhjälp", "Medel", "Mer allvarliga", "Medelhög risk"),
        ),
        (
            "en",
            "Risk register",
            ("Risk", "Belongs to", "Description", "Likelihood (Low – Medium – High)"),
            ("Project: Läxhjälp", "Medium", "More serious", "Medium risk"),
        ),
    ],
)
def test_the_export_reads_in_the_active_language(risk, language, title, headers, row) -> None:
    with translation.override(language):
        content = sheet.write_workbook([selectors.export_row(risk)])
    workbook = load_workbook(BytesIO(content)).active
    rows = list(workbook.iter_rows(values_only=True))
    assert workbook.title == title
    assert rows[0][:4] == headers
    assert (rows[1][1], *rows[1][3:6]) == row


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_project_s_risks_for_its_application_are_written_in_swedish_for_the_funder(
    risk, idea, language
) -> None:
    with translation.override(language):
        text = selectors.risk_section_text(idea)
    assert text.startswith(
        "Få deltagare – Medel/Mer allvarliga\nFörebyggande åtgärder: Samarbeta med SFI."
    )
