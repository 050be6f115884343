"""Personal data in the browser: downloading one's own, asking to be erased, and an
administrator erasing a user after typing the user name."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.core.models import Notification, User
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser


def test_a_user_downloads_their_data_from_the_user_menu(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.contact)
    page.locator(".account").get_by_role("link", name="Mina personuppgifter").click()
    expect(page.locator("h1")).to_have_text("Mina personuppgifter")

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner som fil (JSON)").click()
    download = info.value

    assert download.failure() is None
    assert download.suggested_filename == f"navet-personuppgifter-{cast.contact.pk}.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["profile"]["username"] == cast.contact.username
    roles = {s["model"]: s["items"] for s in data["own_data"]}["organisations.roleassignment"]
    assert [r["role"] for r in roles] == ["contact"]
    assert cast.admin.email not in json.dumps(data)


def test_a_request_reaches_the_administrator_who_erases_the_user(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.viewer)
    page.goto(live_server.url + "/personuppgifter/")
    page.get_by_role("button", name="Be administratörerna ta bort mina uppgifter").click()
    expect(page.locator(".messages")).to_contain_text("skickades till administratörerna")

    page.context.clear_cookies()
    log_in(page, live_server.url, cast.admin)
    notice = Notification.objects.get(user=cast.admin)
    page.goto(live_server.url + "/notiser/")
    page.get_by_role("link", name=notice.title).click()
    page.get_by_label("Skriv användarnamnet för att bekräfta").fill(cast.viewer.username)
    page.get_by_role("button", name="Ta bort användaren").click()

    pseudonym = f"Borttagen användare {cast.viewer.pk}"
    expect(page.locator(".messages")).to_contain_text(pseudonym)
    expect(page.locator("h1")).to_contain_text(pseudonym)
    erased = User.objects.get(pk=cast.viewer.pk)
    assert not erased.is_active
    assert erased.username == f"borttagen-{cast.viewer.pk}"
