"""A long list's export in a real browser: Täby's contact goes from the start page to the needs,
asks for the list as CSV, is told that it is written in the background, and fetches the file from
the notification when the worker has written it – on a wide screen and on a phone; axe finds
nothing serious on the way."""

import re
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.core import exports
from navet.needs.exports import export_needs
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page

pytestmark = pytest.mark.browser


@pytest.fixture
def long_lists(monkeypatch, settings, tmp_path, needs: None) -> None:
    """Every list counts as long, and the files go to a folder of the test's own."""
    monkeypatch.setattr(exports, "INLINE_ROWS", 1)
    settings.MEDIA_ROOT = tmp_path / "media"


def _open_menu(page: Page, width: int) -> None:
    if width < 600:
        page.get_by_text("Meny", exact=True).click()  # a phone's menu is one button


def _walk(page: Page, base: str, width: int) -> list[str]:
    page.goto(f"{base}/")
    _open_menu(page, width)
    page.get_by_role("link", name="Behov", exact=True).locator("visible=true").first.click()
    page.get_by_role("link", name="Ladda ner som CSV").click()
    expect(page.get_by_role("status")).to_contain_text("skrivs i bakgrunden")
    expect(page.locator("main h1")).to_be_visible()  # back on the needs list
    problems = audit(page)
    page.screenshot(path=f"/tmp/export-queued-{width}.png", full_page=True)  # noqa: S108

    queued = DBTaskResult.objects.get(task_path="navet.needs.exports.export_needs")
    export_needs.call(*queued.args_kwargs["args"])  # the worker's part
    page.goto(f"{base}/")
    _open_menu(page, width)
    page.get_by_role("link", name=re.compile("^Notiser")).locator("visible=true").first.click()
    told = page.get_by_role("link", name="Listan över behov är klar att ladda ner.")
    problems += audit(page)
    page.screenshot(path=f"/tmp/export-ready-{width}.png", full_page=True)  # noqa: S108
    with page.expect_download() as info:
        told.click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.startswith("behov-")
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("external_id;municipality;title")
    assert len(lines) > 2
    return problems


def test_a_contact_fetches_a_long_list_of_needs_from_the_notification(
    page: Page, live_server: LiveServer, cast: Cast, long_lists: None
) -> None:
    log_in(page, live_server.url, cast.contact)
    problems = _walk(page, live_server.url, 1366)
    assert not problems, "\n".join(problems)


def test_a_long_export_on_a_phone(
    browser: Browser, live_server: LiveServer, cast: Cast, long_lists: None
) -> None:
    page = new_page(browser, {"width": 390, "height": 844})
    log_in(page, live_server.url, cast.contact)
    problems = _walk(page, live_server.url, 390)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert not problems, "\n".join(problems)
