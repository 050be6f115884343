"""Long pages are short enough to use, on the demo: the project's page and the follow-up page
open with a section menu ("På sidan") whose links reach their headings, by keyboard and without
script; the portfolio's money columns fit a 1 366 × 768 screen without scrolling sideways. Every
page passes axe, wide and on a phone."""

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.demo.content import demo_seed
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.e2e.test_projects import ours

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
RUNNING = "Digital vardag – e-legitimation och e-tjänster för nyanlända vuxna"


@pytest.fixture
def demo(cast: Cast) -> None:
    demo_seed()


def _menu_targets(page: Page) -> list[str]:
    menu = page.get_by_role("navigation", name="På sidan")
    expect(menu).to_be_visible()
    anchors: list[str] = menu.locator("a").evaluate_all("as => as.map(a => a.hash)")
    assert len(anchors) >= 6
    for anchor in anchors:
        expect(page.locator(anchor)).to_have_count(1)
    return anchors


def test_the_project_and_follow_up_menus_reach_their_headings_by_keyboard(
    browser: Browser, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    running = Project.objects.get(title=RUNNING)
    problems: list[str] = []
    for viewport in (WIDE, PHONE):
        page = new_page(browser, viewport)
        log_in(page, live_server.url, cast.coordinator)
        for path, last in (
            (f"/projekt/{running.pk}/", "#history-heading"),
            (f"/projekt/{running.pk}/uppfoljning/", "#interventions-heading"),
        ):
            page.goto(live_server.url + path)
            anchors = _menu_targets(page)
            assert anchors[-1] == last
            problems += audit(page)
            link = page.get_by_role("navigation", name="På sidan").locator(f'a[href="{last}"]')
            link.focus()
            page.keyboard.press("Enter")
            page.wait_for_url(f"**{path}{last}")
            expect(page.locator(last)).to_be_in_viewport()
        page.context.close()
    assert not ours(problems), "\n".join(ours(problems))


def test_the_menus_work_without_script(
    browser: Browser, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    running = Project.objects.get(title=RUNNING)
    context = browser.new_context(viewport=WIDE, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, cast.coordinator)
    for path in (f"/projekt/{running.pk}/", f"/projekt/{running.pk}/uppfoljning/"):
        page.goto(live_server.url + path)
        for anchor in _menu_targets(page)[1:3]:
            page.get_by_role("navigation", name="På sidan").locator(f'a[href="{anchor}"]').click()
            expect(page.locator(anchor)).to_be_in_viewport()
    context.close()


def test_the_portfolio_shows_its_money_columns_at_1366_without_scrolling_sideways(
    browser: Browser, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    page = new_page(browser, WIDE)
    log_in(page, live_server.url, cast.coordinator)
    page.locator('a[href="/projekt/"]:visible').first.click()
    table = page.locator("#portfolio-table")
    expect(table.locator("tbody tr")).to_have_count(Project.objects.count())
    table_width, region_width = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
    assert table_width <= region_width
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    for heading in ("Sökt belopp", "Beviljat belopp", "Återbetalt belopp"):
        box = table.locator("thead th", has_text=heading).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= WIDE["width"]
    assert not ours(audit(page))
