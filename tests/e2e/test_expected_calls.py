"""Expected calls in the browser: a municipal contact finds the coming § 37 window in the
calendar, marked as expected, and follows it before it opens."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.calls.expected import expected_calls_refresh
from navet.calls.models import Call, CallFollow
from navet.calls.services import calls_import, funders_seed
from navet.demo.calls import demo_earlier_calls
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page

pytestmark = pytest.mark.browser


@pytest.fixture
def expected(county: None) -> Call:
    funders_seed()
    calls_import(actor=None, records=demo_earlier_calls(timezone.localdate()), source="demo")
    expected_calls_refresh()
    return Call.objects.get(programme__slug="lst-stockholm-37", expected=True)


def test_a_contact_follows_the_expected_call_from_the_calendar(
    page: Page, live_server: LiveServer, cast: Cast, expected: Call
) -> None:
    log_in(page, live_server.url, cast.contact)
    page.get_by_role("link", name="Kalender", exact=True).first.click()
    row = page.locator("li, tr").filter(has_text=expected.title).first
    expect(row).to_contain_text("Väntad")
    problems = audit(page)
    page.screenshot(path="/tmp/expected-calendar-1366.png", full_page=True)  # noqa: S108
    row.get_by_role("link", name=expected.title).click()
    expect(page.locator("h1")).to_have_text(expected.title)
    expect(page.locator("main")).to_contain_text(f"Väntad utlysning: {expected.expected_note}")
    page.get_by_role("button", name=re.compile("Följ utlysningen")).click()
    expect(page.get_by_role("button", name=re.compile("Följ utlysningen"))).to_have_attribute(
        "aria-pressed", "true"
    )
    problems += audit(page)
    page.screenshot(path="/tmp/expected-call-1366.png", full_page=True)  # noqa: S108
    assert CallFollow.objects.filter(user=cast.contact, call=expected).exists()
    assert not problems, "\n".join(problems)


def test_the_expected_call_on_a_phone(
    browser: Browser, live_server: LiveServer, cast: Cast, expected: Call
) -> None:
    page = new_page(browser, {"width": 390, "height": 844})
    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/utlysningar/?state=all")
    expect(page.locator("main")).to_contain_text(expected.expected_note)
    width = page.evaluate("() => document.querySelector('main').scrollWidth")
    page.screenshot(path="/tmp/expected-calls-390.png", full_page=True)  # noqa: S108
    page.context.close()
    assert width <= 390
