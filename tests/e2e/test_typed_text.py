"""Typed text is never lost: a counter shows how much of a field's limit is used, text over it is
refused on saving and stays in the field, and leaving a page with unsaved text asks first."""

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.needs.models import Need
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page

pytestmark = pytest.mark.browser


def _need_form(page: Page, live_server: LiveServer, cast: Cast) -> object:
    log_in(page, live_server.url, cast.contact)
    page.locator('nav.main-nav a[href="/behov/"]').click()
    page.locator('main a[href="/behov/ny/"]').first.click()
    page.wait_for_url(live_server.url + "/behov/ny/")
    return page.locator("main form.form")


def test_text_over_its_limit_is_counted_refused_and_kept(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    form = _need_form(page, live_server, cast)
    counter = form.locator("#id_description_limit")
    expect(counter).to_have_text("0 av 20\xa0000 tecken")
    form.locator("input[name=title]").fill("Föräldrastöd på modersmål")
    description = form.locator("textarea[name=description]")
    description.fill("Föräldrar vill förstå skolan.")
    expect(counter).to_have_text("29 av 20\xa0000 tecken")
    too_long = "Föräldrar vill förstå skolan. " * 700  # 21 000 characters
    description.fill(too_long)
    expect(counter).to_contain_text("för långt")
    # The browser does not cut what was pasted: the server says no, and the text stays.
    assert description.input_value() == too_long
    form.locator("input[name=status][value=open]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("som mest 20000 tecken")
    kept = page.locator("textarea[name=description]").input_value()
    assert kept == too_long, len(kept)
    assert not Need.objects.exists()


def test_leaving_a_page_with_unsaved_text_asks_first(
    browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    page = new_page(browser)
    form = _need_form(page, live_server, cast)
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    form.locator("textarea[name=description]").fill("Ett halvskrivet behov")
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert asked == ["beforeunload"]
    page.context.close()


def test_a_page_with_nothing_typed_leaves_without_asking(
    browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    page = new_page(browser)
    _need_form(page, live_server, cast)
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.type))
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert asked == []
    page.context.close()
