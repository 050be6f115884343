"""Debian's Chromium driven by Playwright, shared by the browser suites (tests/e2e, tests/a11y).

`shared_browser()` launches Chromium on first use and hands out the same browser until
`stop_shared_browser()`. Pages get a context each, so no cookies leak between tests.
"""

import os
import shutil

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from navet.core.models import User
from tests.factories import PASSWORD

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LOGIN_PATH = "/logga-in/"
LOGIN_FORM = "form:has(input[name=username])"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

_running: dict[str, Playwright | Browser] = {}


def shared_browser() -> Browser:
    """Start Playwright and Chromium once; later calls get the same browser."""
    if "browser" not in _running:
        executable = shutil.which("chromium")
        assert executable, "Chromium is missing: apt-get install chromium"
        playwright = sync_playwright().start()
        _running["playwright"] = playwright
        _running["browser"] = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        # Playwright's sync API keeps an event loop in this thread; Django would refuse ORM calls.
        os.environ[ASYNC_UNSAFE] = "true"
    browser = _running["browser"]
    assert isinstance(browser, Browser)
    return browser


def stop_shared_browser() -> None:
    """Close the browser and Playwright (and so its event loop); safe to call more than once."""
    browser = _running.pop("browser", None)
    playwright = _running.pop("playwright", None)
    if isinstance(browser, Browser):
        browser.close()
    if isinstance(playwright, Playwright):
        playwright.stop()
    # Only while the loop runs: processes started by later tests must not inherit it.
    os.environ.pop(ASYNC_UNSAFE, None)


# What Chromium refused under Navet's Content-Security-Policy while a test ran; the `browser`
# fixture fails the test on any.
csp_violations: list[str] = []


def _record_csp_violation(message: ConsoleMessage) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        csp_violations.append(f"{message.location.get('url')}: {message.text}")


def new_page(browser: Browser, viewport: dict[str, int] = DESKTOP) -> Page:
    """A page in a context of its own (own cookies), in Swedish as Navet's users have it."""
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    context.on("console", _record_csp_violation)
    return context.new_page()


def log_in(page: Page, live_server_url: str, user: User) -> None:
    """Log in through the real login form and wait for the dashboard."""
    page.goto(live_server_url + LOGIN_PATH)
    form = page.locator(LOGIN_FORM)
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(live_server_url + "/")
    expect(page.locator("main h1")).to_be_visible()
