"""Dismissing a suggestion in a real browser: the coordinator goes from the home page to the
matches, dismisses one with a reason, reads it under the dismissed ones and restores it. Axe
passes on the form and on the page with a dismissed suggestion; screenshots at 1366 and 390 px.

The page is found by its addresses and forms, not by its texts, so the test holds whichever
language the catalogue gives it.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.matching.models import Dismissal
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import CallFactory, NeedFactory
from tests.matching.test_matches_page import matched, municipality

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/navet-match-dismiss")  # noqa: S108  (looked at by hand)


def looked_at(page: Page, name: str) -> None:
    """The page at 1366 px and at a phone's width, fitting it, saved to be looked at."""
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=SHOTS / f"{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=SHOTS / f"{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_the_coordinator_dismisses_a_match_reads_why_and_restores_it(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    need = NeedFactory(municipality=municipality("0191"), title="Digital delaktighet")
    call = CallFactory(title="Digitala färdigheter för nyanlända")
    matched(need, call, score=0.62)
    matched(
        NeedFactory(municipality=municipality("0160"), title="Läxhjälp på modersmål"),
        CallFactory(title="Utbildning och läxhjälp"),
        score=0.41,
    )
    note = "Kräver 50 procent medfinansiering och årets budget är redan spikad."

    log_in(page, live_server.url, cast.coordinator)
    page.locator('nav.main-nav a[href="/matchningar/"]').click()
    page.wait_for_url(live_server.url + "/matchningar/")
    rows = page.locator("section[aria-labelledby=new-heading] tbody tr")
    expect(rows).to_have_count(2)
    row = rows.filter(has=page.locator(f'a[href="/utlysningar/{call.pk}/"]'))
    row.locator("a.dismiss").click()
    page.wait_for_url(f"{live_server.url}/matchningar/{need.pk}/{call.pk}/avfarda/**")
    problems = audit(page)
    looked_at(page, "dismiss-form")
    page.locator("input[name=reason][value=no-cofinancing]").check()
    page.locator("textarea[name=note]").fill(note)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(live_server.url + "/matchningar/?samverkan=koordination-norrort")
    expect(rows).to_have_count(1)
    expect(rows.locator(f'a[href="/utlysningar/{call.pk}/"]')).to_have_count(0)
    dismissed = page.locator("#dismissed-matches tbody tr")
    expect(dismissed).to_have_count(1)
    expect(dismissed.first.locator("td.reason")).to_contain_text(note)
    expect(dismissed.first).to_contain_text(cast.coordinator.get_full_name())
    expect(dismissed.first.locator(f'a[href="/utlysningar/{call.pk}/"]')).to_be_visible()
    problems += audit(page)
    looked_at(page, "matches-with-dismissed")

    dismissed.first.locator("form.restore button[type=submit]").click()
    page.wait_for_url(live_server.url + "/matchningar/?samverkan=koordination-norrort")
    expect(rows).to_have_count(2)
    expect(page.locator("#dismissed-matches")).to_have_count(0)
    assert not Dismissal.objects.exists()
    assert not problems, "\n".join(problems)
