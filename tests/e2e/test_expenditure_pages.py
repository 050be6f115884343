"""A project's many expenditures in a real browser: Täby's contact walks from the start page to
the project's follow-up, reads the second page of expenditures by keyboard and takes them out as
.xlsx; axe finds nothing on either page, at a desktop's and a phone's width."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.followup import services
from navet.followup.models import Expenditure
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.followup.conftest import norrort, project  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def spent(cast: Cast, project: Project) -> Project:  # noqa: F811
    (line,) = services.budget_set(
        actor=cast.contact, project=project, municipality=None, amounts={("staff", 2025): 600_000}
    )
    Expenditure.objects.bulk_create(
        Expenditure(
            project=project,
            budget_line=line,
            spent_on=date(2025, 1, 1) + timedelta(days=n),
            amount=Decimal(100 + n),
            description=f"Utgift {n:03d}",
        )
        for n in range(64)
    )
    return project


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_a_contact_pages_through_the_expenditures_and_exports_them(
    browser: Browser, live_server: LiveServer, cast: Cast, spent: Project, width, height, tmp_path
) -> None:
    page: Page = new_page(browser, {"width": width, "height": height})
    base = live_server.url
    log_in(page, base, cast.contact)
    page.locator('a[href="/projekt/"]:visible').first.click()
    page.locator(f'a[href="/projekt/{spent.pk}/"]').first.click()
    # The project's page loads its parts by htmx after it opens: click once they are in place,
    # not on a link that is being swapped.
    page.wait_for_load_state("networkidle")
    page.locator(f'a[href="/projekt/{spent.pk}/uppfoljning/"]').first.click()
    page.wait_for_url(f"{base}/projekt/{spent.pk}/uppfoljning/")
    rows = page.locator("#expenditures-heading ~ .table-wrap tbody tr")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text("Utgift 063")  # the latest first
    problems = audit(page)

    next_page = page.locator('#expenditures-heading ~ .pagination a[rel="next"]')
    next_page.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**sida=2**")
    expect(rows).to_have_count(14)
    expect(rows.last).to_contain_text("Utgift 000")
    page.locator('section[aria-labelledby="expenditures-heading"] .pagination').screenshot(
        path=tmp_path / f"expenditures-{width}.png"
    )
    problems += audit(page)

    with page.expect_download() as download:
        page.locator(
            f'form[action="/projekt/{spent.pk}/uppfoljning/utfall/export/"] button'
        ).click()
    sheet = load_workbook(BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row == 1 + 64
    assert not problems, "\n".join(problems)
    page.context.close()
