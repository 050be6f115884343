"""The paged lists in a browser: axe finds nothing on a second page, and the page links are
followed with the keyboard, keeping the filters."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from navet.calls import selectors
from navet.organisations.models import Consortium, Municipality
from tests.a11y.test_axe import audit, visit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import CallFactory, MotionFactory, NeedFactory, ProjectFactory

pytestmark = pytest.mark.browser


def test_second_pages_of_long_lists_are_accessible(
    page: Page, live_server: LiveServer, cast: Cast, calls: None, needs: None
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    for n in range(55):
        NeedFactory(municipality=taby, title=f"Behov {n:02}")
        CallFactory(title=f"Utlysning {n:02}")
        ProjectFactory(consortium=norrort, owner=taby, title=f"Projekt {n:02}")
        MotionFactory(consortium=norrort)
    log_in(page, live_server.url, cast.coordinator)

    problems: list[str] = []
    for path in ["/behov/", "/utlysningar/", "/projekt/", "/beslut/"]:
        problems += visit(page, f"{live_server.url}{path}?sida=2")
    assert not problems, "\n".join(problems)


def test_the_page_links_work_with_the_keyboard(
    page: Page, live_server: LiveServer, cast: Cast, needs: None
) -> None:
    taby = Municipality.objects.get(code="0160")
    for n in range(55):
        NeedFactory(municipality=taby, title=f"Behov {n:02}")
    log_in(page, live_server.url, cast.coordinator)
    page.goto(f"{live_server.url}/behov/?municipality=0160")

    next_page = page.get_by_role("link", name="Nästa sida")
    next_page.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**sida=2**")

    assert "municipality=0160" in page.url  # the filters travel with the page
    current = page.locator('.pagination a[aria-current="page"]')
    assert current.inner_text().strip().endswith("2")
    assert page.get_by_text("Visar 51–").is_visible()
    assert not audit(page)


def test_a_full_month_grid_says_so_accessibly(
    page: Page, live_server: LiveServer, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MONTH_LIMIT", 2)
    closes = timezone.localtime() + timedelta(days=40)
    for n in range(3):
        CallFactory(title=f"Utlysning {n}", closes=closes)
    log_in(page, live_server.url, cast.coordinator)

    problems = visit(page, f"{live_server.url}/kalender/?visa=manad&manad={closes:%Y-%m}")

    assert not problems, "\n".join(problems)
    assert page.get_by_text("Månaden har fler än 2 poster").is_visible()
    assert page.locator("table.month a").count() == 2
