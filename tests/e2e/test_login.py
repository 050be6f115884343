"""Logging in and out through the real pages, by mouse and by keyboard, on desktop and phone."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.conftest import Cast
from tests.e2e.browser import LOGIN_FORM, LOGIN_PATH, log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ROLES = ["coordinator", "steering", "contact", "viewer", "admin"]
USERS_LINK = 'nav.main-nav a[href="/anvandare/"]'


@pytest.mark.parametrize("role", ROLES)
def test_each_role_logs_in_and_reaches_the_dashboard(
    page: Page, live_server: LiveServer, cast: Cast, role: str
) -> None:
    log_in(page, live_server.url, cast.by_role()[role])

    assert page.url == live_server.url + "/"
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("nav.main-nav")).to_be_visible()
    # Only administrators are offered the page of users and roles.
    expect(page.locator(USERS_LINK)).to_have_count(1 if role == "admin" else 0)


def test_a_wrong_password_keeps_the_user_on_the_login_page_with_an_error_summary(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page.goto(live_server.url + LOGIN_PATH)
    form = page.locator(LOGIN_FORM)
    form.locator("input[name=username]").fill(cast.coordinator.username)
    form.locator("input[name=password]").fill("fel-lösenord")
    form.locator("button[type=submit]").click()

    expect(page.locator("[role=alert]")).to_be_visible()
    expect(page).to_have_url(live_server.url + LOGIN_PATH)
    expect(page.locator("input[name=username]")).to_have_value(cast.coordinator.username)
    expect(page.locator("nav.main-nav")).to_have_count(0)


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')")

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_logging_in_works_by_keyboard_alone(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page.goto(live_server.url + LOGIN_PATH)
    username = page.locator("input[name=username]")
    password = page.locator("input[name=password]")

    # Tab past the skip link and the header until the first field has focus.
    for _ in range(10):
        page.keyboard.press("Tab")
        if username.evaluate("field => field === document.activeElement"):
            break
    expect(username).to_be_focused()
    page.keyboard.type(cast.contact.username)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/")
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_fits_a_phone_without_horizontal_scrolling(
    phone_page: Page, live_server: LiveServer, cast: Cast, role: str
) -> None:
    log_in(phone_page, live_server.url, cast.by_role()[role])

    widths = phone_page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["client"] == 375
    assert widths["scroll"] <= widths["client"], widths


def test_logging_out_returns_to_the_login_page(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.viewer)

    page.locator('header form[action="/logga-ut/"] button[type=submit]').click()

    page.wait_for_url(live_server.url + LOGIN_PATH)
    expect(page.locator(LOGIN_FORM)).to_be_visible()
    # The session is gone: the dashboard asks for a login again.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + LOGIN_PATH + "?next=/")
