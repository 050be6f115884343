"""The browser fixtures of the end-to-end tests, so both suites share one Chromium."""

from tests.e2e.conftest import browser, browser_session, page, pytest_runtest_teardown

__all__ = ["browser", "browser_session", "page", "pytest_runtest_teardown"]
