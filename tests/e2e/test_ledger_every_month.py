"""The ledger import as a controller lives with it, in a real browser: Täby's contact imports
January's export (Swedish column names pre-selected, debit and credit in two columns, one account
not yet mapped, so its row is set aside), then February's export of the year so far, which stores
only February's rows and says how many were there already. Screenshots at 1366 and 390 px; every
page passes axe.

Pages are found by their addresses and forms, not by their texts, except for the counts the
controller reads.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.followup import services
from navet.followup.models import Expenditure, LedgerImport
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.followup.conftest import norrort, project  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

HEADER = "Ver.nr;Bokf. datum;Konto;Ansvar;Projekt;Benämning;Debet;Kredit\r\n"
JANUARY = (
    "A-1001;2025-01-31;5011;4410;P-SPRAK;Lön språkcafévärd januari;28 500,00;\r\n"
    "A-1002;2025-01-31;6410;4410;P-SPRAK;Bärbar dator;9 000,00;\r\n"
    "A-1003;2025-01-31;5011;4410;P-SPRAK;Rättelse lön december;;1 500,00\r\n"
)
FEBRUARY = "A-1102;2025-02-28;5011;4410;P-SPRAK;Lön språkcafévärd februari;28 500,00;\r\n"


@pytest.fixture
def running(cast: Cast, project: Project) -> Project:  # noqa: F811
    """The project from 2025 until half a year from now, with 300 000 kr of staff a year."""
    project.ends_on = timezone.localdate() + timedelta(days=180)
    project.save(update_fields=["ends_on"])
    services.budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", year): 300_000 for year in range(2025, project.ends_on.year + 1)},
    )
    return project


def _upload(page: Page, path: Path) -> None:
    page.set_input_files("#id_file", str(path))
    page.locator("input[name=step][value=upload] ~ .actions button[type=submit]").click()


def test_a_contact_imports_the_year_so_far_every_month(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, running: Project, tmp_path
) -> None:
    base = live_server.url
    january, february = tmp_path / "huvudbok-januari.csv", tmp_path / "huvudbok-februari.csv"
    january.write_bytes((HEADER + JANUARY).encode("cp1252"))
    february.write_bytes((HEADER + JANUARY + FEBRUARY).encode("cp1252"))
    importing = f"{base}/projekt/{running.pk}/uppfoljning/import/"

    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, cast.contact)
    page.goto(base)
    page.locator('a[href="/projekt/"]:visible').first.click()
    page.locator(f'a[href="/projekt/{running.pk}/"]').first.click()
    page.locator(f'a[href="/projekt/{running.pk}/uppfoljning/"]').click()
    page.locator(f'a[href="/projekt/{running.pk}/uppfoljning/import/"]').click()
    page.wait_for_url(importing)
    problems = audit(page)
    _upload(page, january)

    # The usual Swedish column names are chosen; only the accounts are written.
    for field, column in {
        "date_column": "Bokf. datum",
        "amount_column": "Debet",
        "credit_column": "Kredit",
        "account_column": "Konto",
        "text_column": "Benämning",
        "reference_column": "Ver.nr",
    }.items():
        expect(page.locator(f"#id_{field}")).to_have_value(column)
    page.fill("#id_accounts", "5=Personal")
    page.locator("input[name=step][value=mapping] ~ .actions button[type=submit]").click()
    preview = page.locator("#preview-heading ~ ul").first
    expect(preview).to_contain_text("2 nya rader, totalt 27\u00a0000\u00a0kr")
    expect(preview).to_contain_text("1 rad saknar budgetpost och läggs åt sidan")
    expect(page.locator("#preview-heading ~ ul").nth(1)).to_contain_text(
        "Rad 3: Konto 6410 hör inte till någon kostnadskategori"
    )
    problems += audit(page)
    page.locator("input[name=step][value=confirm] ~ button[type=submit]").click()
    page.wait_for_url(f"{base}/projekt/{running.pk}/uppfoljning/")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("2 nya rader")
    assert sorted(Expenditure.objects.values_list("amount", flat=True)) == [-1500, 28500]

    # February's export holds the year so far: only February's row is new.
    page.goto(importing)
    expect(page.locator("#imports-heading ~ .table-wrap tbody tr")).to_have_count(1)
    problems += audit(page)
    page.screenshot(path="/tmp/ledger-imports-1366.png", full_page=True)  # noqa: S108
    _upload(page, february)
    preview = page.locator("#preview-heading ~ ul").first
    expect(preview).to_contain_text("1 ny rad, totalt 28\u00a0500\u00a0kr")
    expect(preview).to_contain_text("2 rader har importerats tidigare")
    problems += audit(page)
    page.screenshot(path="/tmp/ledger-every-month-1366.png", full_page=True)  # noqa: S108
    phone = new_page(browser, {"width": 390, "height": 844})
    try:
        log_in(phone, base, cast.contact)
        phone.goto(importing)
        phone.screenshot(path="/tmp/ledger-imports-390.png", full_page=True)  # noqa: S108
        _upload(phone, february)
        expect(phone.locator("#preview-heading")).to_be_visible()
        problems += audit(phone)
        phone.screenshot(path="/tmp/ledger-every-month-390.png", full_page=True)  # noqa: S108
    finally:
        phone.context.close()
    page.locator("input[name=step][value=confirm] ~ button[type=submit]").click()
    page.wait_for_url(f"{base}/projekt/{running.pk}/uppfoljning/")
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "1 ny rad importerades från huvudbok-februari.csv. 2 rader fanns redan"
    )
    latest = LedgerImport.objects.filter(project=running).first()
    assert (latest.rows, latest.already_there, latest.set_aside) == (1, 2, 1)
    assert Expenditure.objects.filter(project=running, spent_on=date(2025, 2, 28)).count() == 1
    assert Expenditure.objects.filter(project=running).count() == 3
    assert not problems, "\n".join(problems)
