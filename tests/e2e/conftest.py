"""Fixtures for the browser tests: one Chromium for a run of them, a fresh context per test.

The browser tests need DJANGO_ALLOW_ASYNC_UNSAFE while Playwright's event loop lives in the test
thread, and no other test should see that variable (`navet check --deploy` rejects it). So
Chromium starts with the first browser test and stops after the last one in a row. pytest-django
runs the live-server (transactional) tests after the others, so the browser tests come in one row
and Chromium is launched once per run.
tests/a11y/conftest.py imports these fixtures and the hook.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser import (
    PHONE,
    csp_violations,
    new_page,
    shared_browser,
    stop_shared_browser,
)


@pytest.fixture(scope="session")
def browser_session() -> Iterator[None]:
    """Stops Chromium at the end of the run, even if the run stopped early."""
    yield
    stop_shared_browser()


@pytest.fixture
def browser(browser_session: None) -> Iterator[Browser]:
    """The shared Chromium; the test fails if a page broke the Content-Security-Policy."""
    csp_violations.clear()
    yield shared_browser()
    assert not csp_violations, "\n".join(csp_violations)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After the test's own teardown: stop Chromium unless the next test drives it too."""
    try:
        return (yield)
    finally:
        if nextitem is None or nextitem.get_closest_marker("browser") is None:
            stop_shared_browser()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A 1280×900 page in a context of its own, locale sv-SE."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A 375×740 page, the width of a small phone."""
    page = new_page(browser, PHONE)
    yield page
    page.context.close()
