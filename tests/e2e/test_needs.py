"""Needs in a real browser: Täby's contact enters a need, Solna's contact says "vi har också
detta behov", and Täby sees it; the needs matrix of Täby's consortia, checked with axe.

The pages are found by their addresses and form fields, not by their texts, so the test holds
whichever language the catalogue gives them.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.needs.models import Need
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page

pytestmark = pytest.mark.browser

TITLE = "Läxhjälp för nyanlända elever på arabiska och dari"
COMMENT = "Samma behov hos oss i Solna, särskilt på högstadiet."


def test_taby_enters_a_need_and_solna_endorses_it(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.contact)
    needs_link = page.locator('nav.main-nav a[href="/behov/"]')
    needs_link.click()
    page.wait_for_url(live_server.url + "/behov/")
    expect(needs_link).to_have_attribute("aria-current", "page")

    page.locator('main a[href="/behov/ny/"]').first.click()
    page.wait_for_url(live_server.url + "/behov/ny/")
    form = page.locator("main form.form")
    # Täby's contact enters needs for Täby only: the one choice is already made.
    expect(form.locator("select[name=municipality] option")).to_have_count(1)
    form.locator("input[name=title]").fill(TITLE)
    form.locator("textarea[name=description]").fill(
        "Många elever saknar stöd med läxorna hemma. Vi vill pröva läxhjälp på modersmål."
    )
    form.locator("input[name=themes][value=utbildning]").check()
    form.locator("input[name=target_groups][value=unga-12-25]").check()
    form.locator("select[name=priority]").select_option("1")
    form.locator("select[name=raised_in]").select_option("network_meeting")
    form.locator("input[name=cofinancing_capacity_percent]").fill("12,5")
    form.locator("input[name=estimated_cost_sek]").fill("450 000")
    form.locator("input[name=status][value=open]").check()
    form.locator("button[type=submit]").click()

    page.wait_for_url(re.compile(r"/behov/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    need = Need.objects.get(title=TITLE)
    assert need.external_id == "n-0160-001"
    assert need.estimated_cost_sek == 450_000
    need_url = page.url
    # Täby cannot endorse its own need; the page says why instead of offering a button.
    expect(page.locator("#endorse-reason")).not_to_be_empty()
    expect(page.locator("form.endorse")).to_have_count(0)

    solna = new_page(browser)
    try:
        log_in(solna, live_server.url, cast.solna_contact)
        solna.goto(need_url)
        endorse = solna.locator("form.endorse")
        endorse.locator("textarea[name=comment]").fill(COMMENT)
        endorse.locator("button[type=submit]").click()
        solna.wait_for_url(need_url)
        endorsements = solna.locator("section[aria-labelledby=endorsements-heading] ul li")
        expect(endorsements).to_have_count(1)
        expect(endorsements.first).to_contain_text("Solna")
        expect(endorsements.first).to_contain_text(COMMENT)
        expect(solna.locator("form.endorse")).to_have_count(0)  # once per municipality
    finally:
        solna.context.close()

    page.reload()
    expect(page.locator("section[aria-labelledby=endorsements-heading] ul li")).to_contain_text(
        "Solna"
    )
    assert need.endorsements.get().municipality.name == "Solna"


def test_the_needs_matrix_shows_every_municipality_and_passes_axe(
    page: Page, live_server: LiveServer, cast: Cast, needs: None
) -> None:
    log_in(page, live_server.url, cast.contact)
    page.goto(live_server.url + "/behov/")
    page.locator('main a[href="/behov/matris/"]').click()
    page.wait_for_url(live_server.url + "/behov/matris/")

    table = page.locator("main table.heatmap")
    expect(table.locator("caption")).to_contain_text("Koordination Norrort")
    expect(table.locator("tbody tr")).to_have_count(15)  # every member, also those without needs
    # Every cell prints its number; the shade only helps the eye.
    expect(table.locator("tbody td .heat__count").first).not_to_be_empty()
    solna = table.locator("tbody tr", has=page.locator('th:text-is("Solna")'))
    expect(solna.locator("td").last.locator(".heat__count")).to_have_text("3")
    # Psychological health is shared by the most municipalities: five of fifteen.
    expect(page.locator("ol.shared-themes li").first).to_contain_text("Danderyd, Lidingö")
    problems = audit(page)

    # Täby is also in the county-wide consortium: its matrix has all 26 municipalities.
    page.locator("select[name=samverkan]").select_option("stockholms-lan")
    page.locator("main form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"samverkan=stockholms-lan"))
    expect(table.locator("tbody tr")).to_have_count(26)
    problems += audit(page)

    # In Windows high contrast the numbers are still there.
    page.emulate_media(forced_colors="active")
    expect(table.locator("tbody tr").first.locator("td").first).to_be_visible()
    problems += audit(page)

    assert not problems, "\n".join(problems)
