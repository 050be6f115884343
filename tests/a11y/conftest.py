"""Fixtures for the accessibility checks; the browser is the one the end-to-end tests use."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser import new_page, shared_browser, stop_shared_browser


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
