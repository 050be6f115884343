"""The calls pages in a real browser: filtering, following, the calendar feed, import, export.

Runs as Täby's municipal contact and as Koordination Norrort's coordinator and viewer, with the
demo calls dated around today.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.calls.models import Call
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
CALLS_PATH = "/utlysningar/"
CALENDAR_PATH = "/kalender/"
IMPORT_PATH = "/utlysningar/importera/"
# An open demo call with the theme "sprak" (Språk (svenska)).
AMIF_TITLE = "AMIF – integrationsinsatser för tredjelandsmedborgare"
FOLLOW = "Följ utlysningen"  # the label stays; aria-pressed tells whether the call is followed
# Set on the window before an htmx request; a full page load would lose it.
NO_RELOAD_MARK = "() => { window.navetSamePage = true; }"
STILL_SAME_PAGE = "() => window.navetSamePage === true"


def main_nav_link(page: Page, name: str) -> Locator:
    return page.locator("nav.main-nav").get_by_role("link", name=name, exact=True)


def result_titles(page: Page) -> Locator:
    return page.locator("table[aria-labelledby=results] tbody th[scope=row] a")


def follow_button(page: Page) -> Locator:
    return page.locator("main form.follow button[type=submit]")


def focus_by_tab(page: Page, target: Locator, *, limit: int = 40) -> None:
    """Press Tab until `target` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    expect(target).to_be_focused()


def test_a_contact_filters_by_theme_and_follows_a_call_in_place(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    expected = set(Call.objects.filter(themes__slug="sprak").values_list("title", flat=True))
    assert AMIF_TITLE in expected
    assert 0 < len(expected) < Call.objects.count()
    log_in(page, live_server.url, cast.contact)

    calls_link = main_nav_link(page, "Utlysningar")
    calls_link.click()
    page.wait_for_url(live_server.url + CALLS_PATH)
    expect(calls_link).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utlysningar")

    filters = page.get_by_role("search", name="Filtrera utlysningar")
    filters.get_by_label("Visa", exact=True).select_option(value="all")
    filters.get_by_label("Tema", exact=True).select_option(value="sprak")
    filters.get_by_role("button", name="Visa utlysningar").click()

    page.wait_for_url(re.compile(r"/utlysningar/\?.*theme=sprak"))
    assert "state=all" in page.url
    expect(page.get_by_label("Visa", exact=True)).to_have_value("all")
    expect(page.get_by_label("Tema", exact=True)).to_have_value("sprak")
    expect(page.locator("h2#results")).to_have_text(f"{len(expected)} utlysningar")
    expect(result_titles(page)).to_have_count(len(expected))
    assert set(result_titles(page).all_inner_texts()) == expected

    result_titles(page).filter(has_text=AMIF_TITLE).click()
    page.wait_for_url(re.compile(r"/utlysningar/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(AMIF_TITLE)
    call_url = page.url
    button = follow_button(page)
    expect(button).to_have_text(FOLLOW)
    expect(button).to_have_attribute("aria-pressed", "false")

    page.evaluate(NO_RELOAD_MARK)
    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text(FOLLOW)
    expect(button).to_be_focused()  # the swap keeps keyboard focus on the button
    expect(page.locator("main form.follow")).to_contain_text(
        "Sista ansökningsdagen finns i din kalender."
    )
    assert page.url == call_url
    assert page.evaluate(STILL_SAME_PAGE), "following the call loaded a new page"

    page.reload()
    expect(follow_button(page)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#follow-state")).to_contain_text("Du följer utlysningen.")


def test_a_contact_creates_a_calendar_address_that_serves_the_followed_call(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    call = Call.objects.get(title=AMIF_TITLE)
    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}{CALLS_PATH}{call.pk}/")
    follow_button(page).click()
    expect(follow_button(page)).to_have_attribute("aria-pressed", "true")

    calendar_link = main_nav_link(page, "Kalender")
    calendar_link.click()
    page.wait_for_url(live_server.url + CALENDAR_PATH)
    expect(calendar_link).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender")
    # The followed call is marked in the calendar's list.
    row = page.locator("main table tbody tr").filter(has_text=AMIF_TITLE)
    expect(row.locator(".tag", has_text="Följs")).to_be_visible()

    subscriptions = page.locator("section[aria-labelledby=subscribe-heading] li")
    own = subscriptions.first
    expect(own.get_by_role("heading", level=3)).to_have_text("Din kalender")
    own.get_by_role("button", name="Skapa en kalenderadress").click()

    # The form posts and comes back to the calendar, now with the address in place.
    address = page.get_by_label("Kalenderadress: Din kalender", exact=True)
    expect(address).to_have_value(re.compile(r"^https?://.+/kalender/[^/]+\.ics$"))
    expect(address).to_have_attribute("readonly", "")
    expect(own.get_by_role("button", name="Ny adress")).to_be_visible()
    expect(page).to_have_url(live_server.url + CALENDAR_PATH)

    response = page.request.get(address.input_value())
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/calendar")
    ics = response.text().replace("\r\n ", "")
    assert "BEGIN:VEVENT" in ics
    assert f"SUMMARY:Sista ansökningsdag: {AMIF_TITLE}" in ics


def test_a_coordinator_imports_the_swedish_csv_and_sees_the_report(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    page.goto(live_server.url + CALLS_PATH)
    page.locator("main").get_by_role("link", name="Importera utlysningar").click()
    page.wait_for_url(live_server.url + IMPORT_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera utlysningar")

    page.get_by_label("Fil", exact=True).set_input_files(DATA / "calls_swedish.csv")
    page.locator("main form").get_by_role("button", name="Importera", exact=True).click()

    report = page.locator("section[aria-labelledby=report-heading]")
    expect(report).to_have_attribute("role", "status")
    expect(report.get_by_role("heading", level=2)).to_have_text("Resultat")
    expect(report).to_contain_text("2 nya, 0 ändrade, 0 oförändrade, 1 med fel.")
    problems = report.get_by_role("table", name="Problem, efter position i filen")
    trasig = problems.locator("tbody tr").filter(has_text="trasig-csv")
    expect(trasig).to_have_count(1)
    expect(trasig).to_contain_text("Inte importerad")
    expect(page).to_have_url(live_server.url + IMPORT_PATH)


def test_the_filters_work_by_keyboard_alone(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    log_in(page, live_server.url, cast.viewer)
    page.goto(live_server.url + CALLS_PATH)
    state = page.get_by_label("Visa", exact=True)
    submit = page.get_by_role("button", name="Visa utlysningar")
    expect(state).to_have_value("open")

    focus_by_tab(page, state)
    page.keyboard.press("ArrowDown")
    expect(state).to_have_value("closing")
    focus_by_tab(page, submit)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/utlysningar/\?.*state="))
    assert "state=closing" in page.url
    expect(page.get_by_label("Visa", exact=True)).to_have_value("closing")


def test_the_export_link_downloads_the_list_as_xlsx(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    log_in(page, live_server.url, cast.viewer)
    page.goto(live_server.url + CALLS_PATH)
    link = page.get_by_role("link", name="Ladda ner listan som Excel (.xlsx)")
    expect(link).to_have_attribute("href", re.compile(r"^/utlysningar/export\.xlsx\?"))

    with page.expect_download() as info:
        link.click()
    download = info.value

    assert download.suggested_filename.startswith("utlysningar-")
    assert download.suggested_filename.endswith(".xlsx")
    assert download.failure() is None
    assert Path(download.path()).read_bytes().startswith(b"PK")
