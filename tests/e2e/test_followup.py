"""Budget follow-up in a real browser: Täby's contact imports the ledger export, sees budget
against actual and a warning of repayment in time to act; the coordinator records an
intervention and takes the final report draft out in Word; every page passes axe.

Pages are found by their addresses and forms, not by their texts, so the test holds whichever
language the catalogue gives it.
"""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.followup import services
from navet.followup.models import Expenditure, Intervention
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.followup.conftest import norrort, project  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
LEDGER = Path(__file__).parent.parent / "data" / "ledger_taby.xlsx"


@pytest.fixture
def running(cast: Cast, project: Project) -> Project:  # noqa: F811
    """The project from 2025 until half a year from now, with 300 000 kr of staff a year."""
    project.ends_on = timezone.localdate() + timedelta(days=180)
    project.save(update_fields=["ends_on"])
    years = range(2025, project.ends_on.year + 1)
    services.budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", year): 300_000 for year in years}
        | {("services", 2025): 30_000, ("travel", 2025): 5_000},
    )
    return project


def test_a_contact_imports_the_ledger_and_the_coordinator_steps_in(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, running: Project
) -> None:
    base = live_server.url
    followup = f"{base}/projekt/{running.pk}/uppfoljning/"
    log_in(page, base, cast.contact)
    page.goto(f"{base}/projekt/{running.pk}/")
    page.locator(f'a[href="/projekt/{running.pk}/uppfoljning/"]').click()
    page.wait_for_url(followup)
    problems = audit(page)
    page.locator(f'a[href="/projekt/{running.pk}/uppfoljning/import/"]').click()
    problems += audit(page)
    page.set_input_files("#id_file", str(LEDGER))
    page.locator("form.form button[type=submit]").click()
    # First file from Täby: the columns are proposed from the header, the accounts written once.
    expect(page.locator("#id_date_column")).to_have_value("Bokföringsdatum")
    page.fill("#id_accounts", "5=Personal; 46=Köpta tjänster; 73=Resor")
    problems += audit(page)
    page.locator("input[name=step][value=mapping] ~ .actions button[type=submit]").click()
    expect(page.locator("#preview-heading")).to_be_visible()
    problems += audit(page)
    page.locator("input[name=step][value=confirm] ~ button[type=submit]").click()
    page.wait_for_url(followup)
    assert Expenditure.objects.filter(project=running).count() == 6
    # Budget against actual, and the warning of repayment with its action, well before the end.
    expect(page.locator("li.alert--underspend")).to_have_count(1)
    expect(page.locator("svg[role=img] polyline")).to_have_count(2)
    expect(page.locator("#lines-heading ~ .table-wrap tbody tr")).to_have_count(
        running.budget_lines.count()
    )
    problems += audit(page)

    coordinator = new_page(browser)
    try:
        log_in(coordinator, base, cast.coordinator)
        coordinator.goto(followup)
        form = coordinator.locator('form[action$="/uppfoljning/insats/"]')
        form.locator("#id_occurred_on").fill(timezone.localdate().isoformat())
        form.locator("#id_reason").fill("Risk för återbetalning")
        form.locator("#id_action").fill("Möte med projektledaren; fler språkcaféer under våren.")
        form.locator("button[type=submit]").click()
        coordinator.wait_for_url(followup)
        assert Intervention.objects.get(project=running).created_by == cast.coordinator
        expect(coordinator.locator("#interventions-heading ~ ul li")).to_contain_text(
            "fler språkcaféer"
        )
        problems += audit(coordinator)
        with coordinator.expect_download() as info:
            coordinator.locator(f'a[href="/projekt/{running.pk}/uppfoljning/final.docx"]').click()
        download = info.value
        assert download.suggested_filename == f"slutrapport-projekt-{running.pk}.docx"
        word = docx.Document(BytesIO(Path(download.path()).read_bytes()))
        text = "\n".join(p.text for p in word.paragraphs)
        assert "Slutrapport: Språkcafé i Täby och Solna" in text
        cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
        assert "fler språkcaféer" in cells
    finally:
        coordinator.context.close()
    assert not problems, "\n".join(problems)
