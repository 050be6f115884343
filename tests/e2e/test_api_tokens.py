"""A user's own API tokens, from the home page: create one, use it, revoke it; and the
Content-Security-Policy that every page runs under."""

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import csp_violations, log_in, new_page

pytestmark = pytest.mark.browser


def _me_status(token: str) -> int:
    """The API's answer to the token alone (the browser's session would answer for itself)."""
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_a_contact_creates_uses_and_revokes_a_token(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.contact)
    page.get_by_role("link", name="API-tokens").click()
    expect(page.locator("h1")).to_have_text("API-tokens")
    expect(page.get_by_text("Du har inga API-tokens.")).to_be_visible()

    page.get_by_label("Vad token används till").fill("Ekonomisystemet")
    expect(page.get_by_label("Giltig i (dagar)")).to_have_value("90")
    # Longer than a year is refused: the page opens on the summary, with what was typed.
    page.get_by_label("Giltig i (dagar)").fill("400")
    page.get_by_role("button", name="Skapa token").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Giltig i (dagar)")).to_be_visible()
    expect(page.get_by_label("Vad token används till")).to_have_value("Ekonomisystemet")
    problems = audit(page)
    page.get_by_label("Giltig i (dagar)").fill("90")
    page.get_by_role("button", name="Skapa token").click()

    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("navet_")
    row = page.locator(".card", has_text="Ekonomisystemet")
    expect(row).to_contain_text("Aktiv")
    expect(row).to_contain_text("Aldrig")
    problems += audit(page)

    assert _me_status(token) == 200
    page.reload()
    expect(page.get_by_label("Token", exact=True)).to_have_count(0)  # shown only once
    expect(row).not_to_contain_text("Aldrig")  # its last use

    row.get_by_role("button", name="Återkalla").click()
    expect(page.locator(".messages")).to_contain_text("Token återkallades")
    expect(row).to_contain_text("Återkallad")
    expect(row.get_by_role("button")).to_have_count(0)
    assert _me_status(token) == 401
    problems += audit(page)
    assert not problems, "\n".join(problems)


def test_the_token_page_on_a_phone(browser: Browser, live_server: LiveServer, cast: Cast) -> None:
    page = new_page(browser, {"width": 390, "height": 844})
    log_in(page, live_server.url, cast.contact)
    page.get_by_role("link", name="API-tokens").click()
    page.get_by_role("button", name="Skapa token").click()

    expect(page.get_by_label("Token", exact=True)).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    page.context.close()
    assert width <= 390


def test_the_browser_refuses_an_inline_script_and_the_suite_notices(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.contact)

    with page.expect_console_message(lambda m: "Content Security Policy" in m.text) as refused:
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = true'; document.body.append(s); }"
        )

    assert "script-src" in refused.value.text
    assert page.evaluate("() => window.injected") is None
    assert csp_violations  # what the browser fixture fails a test on
    csp_violations.clear()  # this one was made on purpose
