"""A removal asks first, in a real browser and without script: the coordinator removes a SWOT
item from the board, is asked on a page that names it, cancels once, and removes it the second
time; the question passes axe and fits a phone."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.organisations.models import Consortium
from navet.risks.models import SwotItem
from navet.risks.services import swot_item_add
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import PHONE, log_in

pytestmark = pytest.mark.browser


def test_removing_a_swot_item_asks_first(
    page: Page, live_server: LiveServer, cast: Cast, tmp_path: Path
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    swot_item_add(
        actor=cast.coordinator, consortium=norrort, quadrant="strength", text="Kunskapsutbyte"
    )
    log_in(page, live_server.url, cast.coordinator)
    page.goto(live_server.url + "/risker/swot/?samverkan=koordination-norrort")
    board = page.url
    page.locator('a[href$="/ta-bort/"]', has_text="Kunskapsutbyte").click()
    expect(page.locator("h1")).to_have_text("Ta bort?")
    expect(page.locator("main")).to_contain_text("Kunskapsutbyte")
    problems = audit(page)
    page.get_by_role("link", name="Avbryt").click()
    expect(page.locator(".swot")).to_contain_text("Kunskapsutbyte")
    assert SwotItem.objects.exists()

    page.locator('a[href$="/ta-bort/"]', has_text="Kunskapsutbyte").click()
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=tmp_path / "confirm_removal_phone.png", full_page=True)
    page.get_by_role("button", name="Ja, ta bort").click()
    expect(page.locator(".messages")).to_be_visible()
    assert page.url.startswith(board.split("?")[0])
    assert not SwotItem.objects.exists()
    assert not problems, "\n".join(problems)
