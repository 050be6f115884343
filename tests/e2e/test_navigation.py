"""On a phone the menu folds into one button that opens without JavaScript; on a wide screen the
whole menu shows. Either way it passes axe."""

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import PHONE, log_in

pytestmark = pytest.mark.browser


def test_on_a_phone_the_menu_is_one_button_that_opens_without_javascript(
    browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, cast.coordinator)
    menu = page.get_by_text("Meny", exact=True)
    expect(menu).to_be_visible()
    expect(page.locator("nav.main-nav")).to_be_hidden()
    projects = page.locator("nav.phone-nav").get_by_role("link", name="Projekt", exact=True)
    expect(projects).to_be_hidden()
    # The page's own content starts on the first screen.
    assert page.locator("main h1").bounding_box()["y"] < 300
    menu.click()
    expect(projects).to_be_visible()
    projects.click()
    page.wait_for_url(f"{live_server.url}/projekt/")
    context.close()


def test_on_a_wide_screen_the_whole_menu_shows(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    expect(page.get_by_text("Meny", exact=True)).to_be_hidden()
    expect(page.locator("nav.main-nav").get_by_role("link", name="Projekt")).to_be_visible()
    assert not audit(page)
