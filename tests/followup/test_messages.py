"""The follow-up's sentences read in the reader's language: Swedish by default, English when
asked, the same sentence from the same message."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from navet.core.tokens import api_token_create
from navet.followup import exports, ledger, services
from navet.followup.alerts import ReportStatus, alerts_on, report_warnings
from navet.followup.budget import Line, Rules, check, planned_quarters
from navet.followup.forecast import follow
from navet.risks.services import risk_create

START, END = date(2025, 1, 1), date(2025, 12, 31)


def _underspend() -> tuple[str, str]:
    staff = ("staff", 2025, "")
    result = follow(
        plan={staff: planned_quarters(Line("staff", 2025, 400_000), START, END)},
        budgets={staff: 400_000},
        actuals=[(staff, date(2025, 3, 31), Decimal(60_000))],
        starts_on=START,
        ends_on=END,
        as_of=date(2025, 3, 31),
        granted_sek=400_000,
    )
    (alert,) = alerts_on(result, starts_on=START, ends_on=END)
    return str(alert.reason), str(alert.action)


@pytest.mark.parametrize(
    ("language", "reason", "action"),
    [
        ("sv", "kan behöva betalas tillbaka. Det är 275 dagar kvar", "flytta medel mellan"),
        ("en", "may have to be paid back. There are 275 days left", "move money between"),
    ],
)
def test_an_alert_reads_in_the_active_language(language, reason, action) -> None:
    with translation.override(language):
        said, suggested = _underspend()
    assert reason in said
    assert action in suggested


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Delrapport till finansiären ska lämnas om 1 dag, 2025-04-15."),
        ("en", "Interim report to the funder is due in 1 day, 2025-04-15."),
    ],
)
def test_a_count_takes_the_form_of_its_number(language, expected) -> None:
    with translation.override(language):
        label = translation.gettext("Interim report")
        (due,) = report_warnings(
            [ReportStatus("1", label, date(2025, 4, 15), submitted=False)],
            as_of=date(2025, 4, 14),
        )
        assert str(due.reason) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            [
                "Personal 2027 (Täby): året ligger utanför projektperioden 2025-01-01 – "
                "2025-12-31.",
                "Projektet pågår i 12 månader; Testfonden tillåter högst 6.",
            ],
        ),
        (
            "en",
            [
                "Staff 2027 (Täby): the year lies outside the project period 2025-01-01 – "
                "2025-12-31.",
                "The project runs for 12 months; Testfonden allows at most 6.",
            ],
        ),
    ],
)
def test_a_budget_s_problems_read_in_the_active_language(language, expected) -> None:
    summary = check(
        [Line("staff", 2027, 100_000, municipality="Täby")],
        Rules(programme="Testfonden", cofinancing_percent=Decimal(0), max_duration_months=6),
        starts_on=START,
        ends_on=END,
    )
    with translation.override(language):
        assert [str(problem) for problem in summary.problems] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["”30 feb” är inget datum.", "Konto saknas."]),
        ("en", ["“30 feb” is not a date.", "The account is missing."]),
    ],
)
def test_a_ledger_row_s_problems_read_in_the_active_language(language, expected) -> None:
    sheet = ledger.find_header([["Datum", "Belopp", "Konto"], ["30 feb", "100", ""]])
    (row,) = ledger.read_rows(sheet, ledger.Mapping("Datum", "Belopp", "Konto"))
    with translation.override(language):
        assert [str(problem) for problem in row.problems] == expected


def test_the_api_gives_an_alert_as_text_in_swedish(client, cast, project, today) -> None:
    today(date(2025, 4, 10))
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    services.expenditure_add(
        actor=cast.contact,
        project=project,
        budget_line=line,
        spent_on=date(2025, 3, 31),
        amount=Decimal(60_000),
        description="Lön januari–mars",
    )
    token = api_token_create(user=cast.viewer)
    response = client.get(
        f"/api/v1/projects/{project.pk}/followup", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200, response.content
    (alert,) = response.json()["alerts"]
    assert "kan behöva betalas tillbaka" in alert["reason"]
    assert alert["action"].startswith("Gå igenom aktiviteterna")


@pytest.mark.parametrize(
    ("language", "title", "headers"),
    [
        (
            "sv",
            "Utfall",
            "Datum Kategori År Kommun Beskrivning Verifikation Belopp_(kr) Källa",
        ),
        (
            "en",
            "Expenditures",
            "Date Category Year Municipality Description Voucher Amount_(kr) Source",
        ),
    ],
)
def test_the_expenditures_export_has_headers_in_the_active_language(
    project, language, title, headers
) -> None:
    with translation.override(language):
        content = exports.expenditures_workbook(project)
    sheet = openpyxl.load_workbook(BytesIO(content)).active
    assert sheet.title == title
    assert [cell.value for cell in sheet[1]] == [h.replace("_", " ") for h in headers.split()]


def test_the_report_draft_is_written_in_swedish_for_the_funder_whatever_the_reader_s_language(
    client, cast, project, today
) -> None:
    today(date(2025, 4, 10))
    services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    risk_create(
        actor=cast.coordinator,
        project=project,
        owner=cast.contact,
        title="Låg närvaro",
        likelihood="high",
        consequence="very_serious",
    )
    client.force_login(cast.viewer)
    response = client.get(
        reverse("followup:report", args=[project.pk, "interim", "docx"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert '<html lang="en"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    word = docx.Document(BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert "Delrapport: Språkcafé i Täby och Solna" in text
    assert "Genomförda aktiviteter hittills" in text
    assert "Vad görs härnäst? [Skriv här.]" in text
    assert ["Budgetpost", "Budget", "Utfall", "Andel", "Prognos"] in cells
    assert ["Låg närvaro", "Hög", "Mycket allvarliga"] in [row[:3] for row in cells]
