"""A project idea in a real browser: a contact opens a need's best calls, makes a project idea
of one, saves it and lands on the project's page; the coordinator moves it to the needs
analysis. Every page passes axe."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import CallFactory, EndorsementFactory, NeedFactory
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser


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

    coordinator = browser.new_page()
    log_in(coordinator, live_server.url, cast.coordinator)
    coordinator.goto(f"{live_server.url}/projekt/{project.pk}/")
    coordinator.locator('form:has(input[name=to][value="needs_analysis"]) button').click()
    coordinator.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    expect(coordinator.locator('form:has(input[name=to][value="decision"]) button')).to_be_visible()
    problems += audit(coordinator)
    coordinator.goto(f"{live_server.url}/projekt/")
    problems += audit(coordinator)
    coordinator.close()
    assert Project.objects.get().status == "needs_analysis"

    assert not problems, "\n".join(problems)
