"""The economics pages in a real browser: a viewer opens the scenario from the menu, sees the
study's example with its chart, computes a consortium's scenario by population, opens the
evaluation of the year, and every page passes axe."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser


def test_a_viewer_reads_the_scenario_and_the_evaluation(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.viewer)
    link = page.locator('nav.main-nav a[href="/ekonomi/"]')
    link.click()
    page.wait_for_url(live_server.url + "/ekonomi/")
    expect(link).to_have_attribute("aria-current", "page")
    rows = page.locator("table.economics-result tbody tr")
    expect(rows).to_have_count(15)
    expect(page.locator("table.economics-result tfoot")).to_contain_text("300\u00a0000")
    expect(page.locator("figure svg rect")).to_have_count(15)
    problems = audit(page)

    page.fill("#id_cost_sek", "700 000")
    page.select_option("#id_key", "population")
    page.select_option("#id_consortium", "koordination-norrort")
    page.locator("form.filters button[type=submit]").click()
    expect(rows.first).to_contain_text("Danderyd")
    expect(rows.last).to_contain_text("Österåker")
    problems += audit(page)

    page.locator('a[href^="/ekonomi/koordination-norrort/"]').first.click()
    expect(page.locator("table.economics-evaluation tbody tr")).to_have_count(15)
    problems += audit(page)
    assert not problems, "\n".join(problems)


def test_a_coordinator_logs_time_and_downloads_the_evaluation_report(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    page.goto(live_server.url + "/ekonomi/koordination-norrort/2026/")
    page.get_by_role("link", name="Tidslogg").click()
    page.fill("#id_worked_on", "2026-03-02")
    page.fill("#id_hours", "2,5")
    page.select_option("#id_municipality", label="Täby")
    page.fill("#id_note", "Omvärldsbevakning")
    page.get_by_role("button", name="Registrera tiden").click()
    expect(page.locator(".messages")).to_contain_text("Tiden är registrerad")
    expect(page.locator("table").last).to_contain_text("Omvärldsbevakning")
    expect(page.locator("table").first.locator("tfoot")).to_contain_text("2,5")
    problems = audit(page)

    page.get_by_role("link", name="Ekonomi för Koordination Norrort 2026").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    assert download.value.suggested_filename == "utvardering-koordination-norrort-2026.docx"
    assert not problems, "\n".join(problems)
