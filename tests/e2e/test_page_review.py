"""A watched page served on 127.0.0.1: dates outside its content region raise no review, a
changed region does, and the coordinator registers the call from the review in one step –
reached from the notification on the home page."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.calls.models import Call, Funder, ImportRun, Programme, Source
from navet.calls.services import (
    import_run_execute,
    source_run_start,
    source_save,
    sources_seed,
)
from navet.core.models import Notification
from tests.a11y.test_axe import audit
from tests.calls.conftest import _Feeds, feed_server  # noqa: F401  (the funder's server)
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page

pytestmark = pytest.mark.browser

PAGE = """<html lang="sv"><head><meta charset="utf-8"><title>§ 37</title></head><body>
<nav>Besökare i dag: {visitors}</nav>
<main><h1>Bidrag för att utveckla kapacitet och beredskap</h1>{calls}</main>
<footer>Sidan uppdaterades {updated}</footer></body></html>"""
NEW_CALL = (
    "<p>Utvecklingsmedel § 37 2027 – beredskap i mottagandet</p>"
    "<p>Ansökan öppnar 1 februari 2027 och sista ansökningsdag är 15 mars 2027.</p>"
    "<p>Länet fördelar 2 mnkr.</p>"
)


def _serve(calls: str = "<p>Ingen öppen utlysning.</p>", **around: str) -> None:
    values = {"visitors": "12", "updated": "2026-12-01", **around}
    _Feeds.page = PAGE.format(calls=calls, **values).encode()


def _fetch(source: Source) -> ImportRun:
    return import_run_execute(source_run_start(actor=None, source=source).pk)


@pytest.fixture
def watched(cast: Cast, calls: None, feed_server: str) -> Source:  # noqa: F811
    return source_save(
        actor=cast.coordinator,
        name="Länsstyrelserna – § 37",
        format="page",
        url=f"{feed_server}/sida",
        schedule="daily",
        default_funder=Funder.objects.get(slug="lansstyrelsen-stockholm"),
        default_programme=Programme.objects.get(slug="lst-stockholm-37"),
        region_selector="main",
    )


def test_a_changed_region_is_reviewed_and_its_call_registered(
    page: Page, live_server: LiveServer, cast: Cast, watched: Source
) -> None:
    _serve()
    _fetch(watched)
    _serve(visitors="4711", updated="2026-12-07")
    assert _fetch(watched).message == "Sidan har inte ändrats."
    assert not Notification.objects.exists()  # dates and counters outside the region
    _serve(NEW_CALL, visitors="4712")
    run = _fetch(watched)
    assert Notification.objects.filter(user=cast.coordinator).count() == 1

    log_in(page, live_server.url, cast.coordinator)
    page.get_by_role("link", name=re.compile("^Notiser")).first.click()
    page.get_by_role("link", name="Sidan Länsstyrelserna – § 37 har ändrats: granska den").click()
    page.wait_for_url(f"{live_server.url}/kallor/korningar/{run.pk}/")
    expect(page.locator("ins")).to_have_text(
        [
            "Utvecklingsmedel § 37 2027 – beredskap i mottagandet",
            "Ansökan öppnar 1 februari 2027 och sista ansökningsdag är 15 mars 2027.",
            "Länet fördelar 2 mnkr.",
        ]
    )
    expect(page.locator("del")).to_have_text(["Ingen öppen utlysning."])
    problems = audit(page)
    page.screenshot(path="/tmp/page-review-1366.png", full_page=True)  # noqa: S108

    page.get_by_role("link", name="Registrera utlysningen").click()
    expect(page.locator("h1")).to_have_text("Registrera utlysningen")
    expect(page.get_by_label("Titel", exact=True)).to_have_value(
        "Utvecklingsmedel § 37 2027 – beredskap i mottagandet"
    )
    expect(page.get_by_label("Stänger", exact=True)).to_have_value("2027-03-15T23:59")
    expect(page.get_by_label("Öppnar (frivilligt)", exact=True)).to_have_value("2027-02-01T00:00")
    expect(page.get_by_label("Största belopp (kr) (frivilligt)", exact=True)).to_have_value(
        "2000000"
    )
    expect(page.get_by_label("Stödform (frivilligt)", exact=True)).to_have_value(
        str(watched.default_programme_id)
    )
    problems += audit(page)
    page.screenshot(path="/tmp/page-review-form-1366.png", full_page=True)  # noqa: S108
    page.get_by_role("button", name="Spara").click()

    expect(page.locator("h1")).to_have_text("Utvecklingsmedel § 37 2027 – beredskap i mottagandet")
    call = Call.objects.get(title="Utvecklingsmedel § 37 2027 – beredskap i mottagandet")
    assert (call.programme_id, call.max_amount_sek) == (watched.default_programme_id, 2_000_000)
    run.refresh_from_db()
    assert (run.reviewed_by, run.registered_call) == (cast.coordinator, call)
    assert not problems, "\n".join(problems)


def test_the_review_on_a_phone(
    browser: Browser, live_server: LiveServer, cast: Cast, watched: Source
) -> None:
    _serve()
    _fetch(watched)
    _serve(NEW_CALL)
    run = _fetch(watched)
    page = new_page(browser, {"width": 390, "height": 844})
    log_in(page, live_server.url, cast.coordinator)
    page.goto(f"{live_server.url}/kallor/korningar/{run.pk}/")
    page.get_by_role("button", name="Granskad: ingen ny utlysning").click()
    expect(page.locator("main")).to_contain_text("Granskad av")
    width = page.evaluate("() => document.querySelector('main').scrollWidth")
    page.screenshot(path="/tmp/page-review-390.png", full_page=True)  # noqa: S108
    run.refresh_from_db()
    assert run.reviewed_by == cast.coordinator

    sources_seed()
    page.goto(f"{live_server.url}/kallor/")
    expect(page.locator("tbody tr", has_text="Vinnova – ansökningsomgångar")).to_contain_text(
        "Aldrig hämtad"
    )
    problems = audit(page)
    sources_width = page.evaluate("() => document.querySelector('main').scrollWidth")
    page.screenshot(path="/tmp/sources-390.png", full_page=True)  # noqa: S108
    page.context.close()
    assert max(width, sources_width) <= 390
    assert not problems, "\n".join(problems)
