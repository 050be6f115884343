"""The evaluation report in Word and PDF: the year's figures per municipality, the years of the
evaluation period, what was paid back, and who may have it."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.test import Client

from navet.economics.models import ResourceCost
from navet.followup.models import BudgetLine, Expenditure
from navet.projects.models import Project
from tests import documents
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sek(amount: str) -> str:
    return amount.replace(" ", NBSP) + f"{NBSP}kr"


@pytest.fixture
def two_years(norrort, taby, sigtuna) -> None:
    finished = ProjectFactory(
        consortium=norrort,
        owner=taby,
        status="repayment",
        requested_sek=431_000,
        granted_sek=431_000,
        repaid_sek=81_524,
        starts_on=date(2025, 1, 1),
    )
    finished.participants.add(sigtuna)
    ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        status="running",
        requested_sek=1_000_000,
        granted_sek=1_000_000,
        starts_on=date(2026, 3, 1),
    )
    ResourceCost.objects.create(consortium=norrort, year=2025, cost_sek=150_000)
    ResourceCost.objects.create(consortium=norrort, year=2026, cost_sek=700_000)


def test_the_evaluation_counts_what_was_paid_back(cast, two_years) -> None:
    report = _client(cast.viewer).get("/ekonomi/koordination-norrort/2025/").context["report"]
    rows = {row.name: row for row in report.rows}

    assert rows["Täby"].repaid_sek + rows["Sigtuna"].repaid_sek == 81_524
    assert rows["Täby"].granted_sek == 215_500
    assert rows["Täby"].repaid_sek == 40_762
    assert rows["Täby"].net_sek == 215_500 - 40_762 - 10_000
    assert report.net_sek == 431_000 - 81_524 - 150_000


def test_used_is_the_recorded_spending_or_what_a_finished_project_kept(
    cast, norrort, taby, sigtuna, two_years
) -> None:
    running = Project.objects.get(status="running")
    line = BudgetLine.objects.create(
        project=running, category="staff", year=2026, amount_sek=1_000_000
    )
    for amount in ("120000.40", "80000.10"):
        Expenditure.objects.create(
            project=running, budget_line=line, spent_on=date(2026, 4, 1), amount=Decimal(amount)
        )
    client = _client(cast.viewer)

    this_year = client.get("/ekonomi/koordination-norrort/2026/").context["report"]
    last_year = client.get("/ekonomi/koordination-norrort/2025/").context["report"]

    assert this_year.used_sek == 200_001  # 200 000,50 kr rounded to whole kronor
    assert {row.name: row.used_sek for row in this_year.rows if row.used_sek} == {
        "Sigtuna": 200_001
    }
    assert last_year.used_sek == 431_000 - 81_524  # finished, no expenditures: what it kept


def test_the_word_report_has_the_year_per_municipality_and_the_period(cast, two_years) -> None:
    response = _client(cast.steering).get("/ekonomi/koordination-norrort/2026/utvardering.docx")

    assert response.status_code == 200
    assert "utvardering-koordination-norrort-2026.docx" in response["Content-Disposition"]
    word = documents.docx_of(response.content, header="Koordination Norrort")
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Sammanfattning",
        "Per kommun, 2026",
        "År för år",
        "Så räknas siffrorna",
    ]
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    sigtuna = next(row for row in cells if row[0] == "Sigtuna")
    assert sigtuna[:5] == ["Sigtuna", "1", _sek("1 000 000"), _sek("1 000 000"), _sek("0")]
    assert next(row for row in cells if row[0] == "2025")[:7] == [
        "2025",
        "1",
        _sek("431 000"),
        _sek("431 000"),
        _sek("349 476"),
        _sek("81 524"),
        _sek("150 000"),
    ]
    in_all = next(row for row in cells if row[0] == "Totalt")
    assert in_all[7] == _sek("300 000")  # 1 000 000 granted − 700 000 cost
    summary = next(p.text for p in word.paragraphs if p.text.startswith("År 2026"))
    assert "processteg" not in summary
    assert any("processteg 3" in p.text for p in word.paragraphs)


def test_the_pdf_report_says_the_same(cast, two_years) -> None:
    response = _client(cast.coordinator).get("/ekonomi/koordination-norrort/2026/utvardering.pdf")

    assert response["Content-Type"] == "application/pdf"
    # A4, the header on every page, and no amount split in the nine-column tables.
    text = " ".join(documents.pdf_text(response.content, header="Koordination Norrort").split())
    assert "Utvärdering av den gemensamma resursen – Koordination Norrort 2026" in text
    assert "Nettovinst per kommun" in text
    assert "Sigtuna" in text
    assert "81 524 kr" in text


def test_the_report_without_a_cost_says_so(cast, norrort) -> None:
    response = _client(cast.viewer).get("/ekonomi/koordination-norrort/2024/utvardering.docx")

    word = docx.Document(BytesIO(response.content))
    texts = [p.text for p in word.paragraphs]
    assert any("Ingen kostnad för resursen är registrerad för året." in t for t in texts)
    assert "År för år" not in texts


def test_the_report_is_for_readers_of_the_consortium_only(cast, client, two_years) -> None:
    assert client.get("/ekonomi/koordination-norrort/2026/utvardering.pdf").status_code == 302
    coordinator = _client(cast.coordinator)
    assert coordinator.get("/ekonomi/etablering-sodertorn/2026/utvardering.pdf").status_code == 404
    assert coordinator.get("/ekonomi/koordination-norrort/2026/utvardering.odt").status_code == 404
