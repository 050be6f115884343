"""The risk register in a real browser: the coordinator finds it in the menu, registers a risk on
the form, sees it counted in the matrix (in words, not colour only) and listed by severity, adds a
line to the SWOT board, and every page passes axe.

Pages are found by their addresses and forms, not by their texts, so the test holds whichever
language the catalogue gives it.
"""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.risks.models import Risk, SwotItem
from navet.risks.services import risk_create
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser


def test_the_coordinator_registers_a_risk_and_keeps_the_swot_board(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    risk_create(
        actor=cast.coordinator,
        consortium=cast.coordinator.role_assignments.get().consortium,
        title="Brist på interna resurser inom kommunerna",
        likelihood="high",
        consequence="serious",
        owner=cast.coordinator,
    )
    log_in(page, live_server.url, cast.coordinator)
    link = page.locator('nav.main-nav a[href="/risker/"]')
    link.click()
    page.wait_for_url(live_server.url + "/risker/")
    expect(link).to_have_attribute("aria-current", "page")
    matrix = page.locator("table.risk-matrix")
    expect(matrix.locator("tbody tr")).to_have_count(3)
    expect(matrix.locator("tbody td")).to_have_count(9)
    for cell in matrix.locator("tbody td").all():  # every cell says its count and level in words
        expect(cell.locator(".risk-cell__count")).not_to_be_empty()
        expect(cell.locator(".risk-cell__level")).not_to_be_empty()
    problems = audit(page)

    page.locator('a[href^="/risker/ny/?samverkan="]').click()
    page.fill("#id_title", "Svårt att samverka och nå konsensus")
    page.check('input[name=likelihood][value="high"]')
    page.check('input[name=consequence][value="very_serious"]')
    page.fill("#id_measures", "Klargör tidigt hur resursen arbetar.")
    problems += audit(page)
    page.locator("form.form button[type=submit]").click()
    risk = Risk.objects.get(consequence="very_serious")
    page.wait_for_url(f"{live_server.url}/risker/{risk.pk}/")
    problems += audit(page)

    page.goto(live_server.url + "/risker/")
    rows = page.locator("table.risk-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Svårt att samverka och nå konsensus")
    top_right = matrix.locator("tbody tr").first.locator("td").last
    expect(top_right.locator(".risk-cell__count")).to_contain_text("1")
    top_right.locator("a").click()
    expect(page.locator("table.risk-list tbody tr")).to_have_count(1)

    page.goto(live_server.url + "/risker/swot/")
    expect(page.locator(".swot section h2")).to_have_count(4)
    page.select_option("#id_quadrant", "strength")
    page.fill("#id_text", "Kunskapsutbyte")
    page.locator('form[action^="/risker/swot/ny/"] button[type=submit]').click()
    page.wait_for_url(live_server.url + "/risker/swot/?samverkan=koordination-norrort")
    expect(page.locator("#swot-strength + ul li")).to_contain_text("Kunskapsutbyte")
    assert SwotItem.objects.get().quadrant == "strength"
    problems += audit(page)

    assert not problems, "\n".join(problems)
