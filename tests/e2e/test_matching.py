"""The matches page in a real browser: the coordinator finds it in the menu, sees the new good
matches, marks them as seen, and the page passes axe before and after.

The page is found by its address and form, not by its texts, so the test holds whichever
language the catalogue gives it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.matching.models import MatchesVisit
from navet.organisations.models import Consortium
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import CallFactory, EndorsementFactory, NeedFactory, ProjectFactory
from tests.matching.test_matches_page import matched, municipality

pytestmark = pytest.mark.browser


def test_the_coordinator_reads_the_new_matches_and_marks_them_seen(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    sigtuna = NeedFactory(municipality=municipality("0191"), title="Digital delaktighet")
    taby = NeedFactory(municipality=municipality("0160"), title="Läxhjälp på modersmål")
    call = CallFactory(title="Digitala färdigheter för nyanlända")
    matched(sigtuna, call, score=0.62)
    matched(taby, CallFactory(title="Utbildning och läxhjälp"), score=0.41, rank=2)
    matched(taby, call, score=0.05, rank=9, ago=timedelta(hours=2))  # not good: not listed

    log_in(page, live_server.url, cast.coordinator)
    link = page.locator('nav.main-nav a[href="/matchningar/"]')
    link.click()
    page.wait_for_url(live_server.url + "/matchningar/")
    expect(link).to_have_attribute("aria-current", "page")
    new = page.locator("section[aria-labelledby=new-heading] tbody tr")
    expect(new).to_have_count(2)
    expect(new.first).to_contain_text("Digital delaktighet")
    expect(new.first.locator(f'a[href="/utlysningar/{call.pk}/"]')).to_be_visible()
    problems = audit(page)

    page.locator("form.mark-seen button[type=submit]").click()
    page.wait_for_url(live_server.url + "/matchningar/?samverkan=koordination-norrort")
    expect(page.locator("section[aria-labelledby=new-heading] tbody tr")).to_have_count(0)
    expect(page.locator("section[aria-labelledby=earlier-heading] tbody tr")).to_have_count(2)
    assert MatchesVisit.objects.get(user=cast.coordinator)
    problems += audit(page)

    assert not problems, "\n".join(problems)


def test_a_need_page_shows_its_best_calls_with_reasons_and_its_partners(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    need = NeedFactory(
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända vuxna",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    )
    EndorsementFactory(need=need, municipality=municipality("0114"))  # Upplands Väsby
    digital = CallFactory(title="Digitala färdigheter och e-tjänster för nyanlända vuxna")
    CallFactory(title="Hälsa för äldre", closes=timezone.now() - timedelta(days=1))  # closed

    log_in(page, live_server.url, cast.steering)
    page.goto(f"{live_server.url}/behov/{need.pk}/")
    calls = page.locator("#need-suggestions section[aria-labelledby=suggestions-heading] ol > li")
    expect(calls).to_have_count(1)  # loaded by htmx; the closed call is never suggested
    expect(calls.first.locator(f'a[href="/utlysningar/{digital.pk}/"]')).to_be_visible()
    expect(calls.first.locator("ul.reasons li").first).to_contain_text("digital inkludering")
    partners = page.locator("#need-suggestions section[aria-labelledby=partners-heading] li")
    expect(partners.first).to_contain_text("Upplands Väsby")
    problems = audit(page)
    assert not problems, "\n".join(problems)


def test_a_need_page_says_the_fit_in_words_and_shows_projects_answering_similar_needs(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    """Sigtuna's steering representative opens the need from the needs list: each call says its
    fit in words, and Upplands Väsby's running project for a need saying the same in other words
    is shown; the page passes axe at desktop and phone widths."""
    need = NeedFactory(
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända vuxna",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    )
    similar = NeedFactory(
        municipality=municipality("0114"),
        title="Digital delaktighet för nya invånare",
        description="Stöd med e-legitimation, BankID och digitala samhällstjänster.",
    )
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=municipality("0114"),
        needs=[similar],
        title="E-tjänstlotsar i Upplands Väsby",
        status=Project.Status.RUNNING,
    )
    for topic in ("Bostad", "Arbete", "Språk"):
        CallFactory(title=f"{topic} för nyanlända")
    digital = CallFactory(title="Digitala färdigheter och e-tjänster för nyanlända vuxna")

    log_in(page, live_server.url, cast.steering)
    page.locator('nav.main-nav a[href="/behov/"]').click()
    page.locator(f'main a[href="/behov/{need.pk}/"]').first.click()
    page.wait_for_url(f"{live_server.url}/behov/{need.pk}/")
    best = page.locator("#need-suggestions section[aria-labelledby=suggestions-heading] ol > li")
    expect(best.first.locator(f'a[href="/utlysningar/{digital.pk}/"]')).to_be_visible()
    expect(best.first.locator(".fit")).to_have_text(re.compile(r"^(Mycket god|God|Möjlig)"))
    overlaps = page.locator("#need-suggestions section[aria-labelledby=overlaps-heading] li")
    expect(overlaps).to_have_count(1)
    expect(overlaps.first.locator(f'a[href="/projekt/{project.pk}/"]')).to_be_visible()
    problems = audit(page)
    page.screenshot(path="/tmp/navet-need-fit-1366.png", full_page=True)  # noqa: S108
    page.set_viewport_size({"width": 390, "height": 844})
    problems += audit(page)
    page.screenshot(path="/tmp/navet-need-fit-390.png", full_page=True)  # noqa: S108
    assert not problems, "\n".join(problems)
