"""Fixtures for the end-to-end tests: one Chromium per run, a fresh context per test.

Importing tests.e2e.browser also lets the test thread use the ORM next to Playwright's event loop.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser import PHONE, new_page, shared_browser, stop_shared_browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    yield shared_browser()
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
