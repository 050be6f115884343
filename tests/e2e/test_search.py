"""Search finds what people type, in a real browser: the coordinator finds a project and a
meeting from the menu by words in another order and inflection than the text, and a compound by
its parts; the pages pass axe, and were looked at 1366 and 390 pixels wide.

Pages are found by their addresses and forms, not by their texts, so the test holds whichever
language the catalogue gives it.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.services import meeting_create
from navet.organisations.models import Consortium, Municipality
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def _search(page: Page, text: str) -> None:
    page.locator("form.filters input[name=text]").fill(text)
    page.locator("form.filters button[type=submit]").click()


def test_the_coordinator_finds_a_project_and_a_meeting_by_what_they_type(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    project = ProjectFactory(
        consortium=norrort,
        owner=taby,
        title="Språkcaféer i Täby",
        description="Mötesplatser för nyanlända föräldrar på biblioteken.",
    )
    ProjectFactory(consortium=norrort, owner=taby, title="Föräldrastöd i förskolan")
    starts = timezone.now() - timedelta(days=30)
    meeting = meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="network",
        title="Nätverksträff om digitala guider",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Täby bibliotek",
        agenda=[],
    )
    base = live_server.url

    log_in(page, base, cast.coordinator)
    page.locator('nav.main-nav a[href="/projekt/"]').click()
    page.wait_for_url(f"{base}/projekt/")
    _search(page, "café språk")
    rows = page.locator(f'tbody tr a[href="/projekt/{project.pk}/"]')
    expect(rows).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("form.filters input[name=text]")).to_have_value("café språk")
    problems = audit(page)

    page.locator('nav.main-nav a[href="/beslut/"]').click()
    page.locator('main a[href="/beslut/moten/"]').first.click()
    page.wait_for_url(f"{base}/beslut/moten/")
    _search(page, "guide biblioteket")
    expect(page.locator(f'#past ~ * a[href="/beslut/moten/{meeting.pk}/"]').first).to_be_visible()
    expect(page.locator("form.filters input[name=text]")).to_have_value("guide biblioteket")
    problems += audit(page)
    page.screenshot(path="/tmp/search-meetings-1366.png", full_page=True)  # noqa: S108

    phone = new_page(browser, {"width": 390, "height": 844})
    try:
        log_in(phone, base, cast.coordinator)
        phone.goto(f"{base}/beslut/moten/?text=träffarna")
        expect(phone.locator(f'a[href="/beslut/moten/{meeting.pk}/"]').first).to_be_visible()
        problems += audit(phone)
        phone.screenshot(path="/tmp/search-meetings-390.png", full_page=True)  # noqa: S108
        phone.goto(f"{base}/projekt/?text=biblioteket+föräldrar")
        expect(phone.locator(f'a[href="/projekt/{project.pk}/"]').first).to_be_visible()
        phone.screenshot(path="/tmp/search-projects-390.png", full_page=True)  # noqa: S108
    finally:
        phone.context.close()
    assert not problems, "\n".join(problems)
