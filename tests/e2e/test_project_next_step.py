"""A project's next step in a real browser, on the demo: the coordinator goes from the home page
to the joint project writing its application, whose next step – mark it submitted – waits for
the partners' signed forms; the panel's one button leads to them, the coordinator records why
the application goes in without them, and back on the project the panel's button submits it.
On a phone the panel and its button are on the first screen. Every page passes axe."""

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.demo.content import demo_seed
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.e2e.test_projects import ours

pytestmark = pytest.mark.browser

JOINT = "Traumamedveten personal i hela Norrort"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(cast: Cast) -> None:
    demo_seed()


def test_the_coordinator_follows_the_next_step_from_home_and_submits(
    page: Page, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    project = Project.objects.get(title=JOINT)
    assert project.status == Project.Status.APPLICATION
    log_in(page, live_server.url, cast.coordinator)
    page.locator('a[href="/projekt/"]:visible').first.click()
    page.get_by_role("link", name=JOINT).first.click()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")

    panel = page.locator(".next-step")
    expect(panel.locator(".next-step__title")).to_have_text("Markera som inskickad")
    expect(panel).to_contain_text("samverkansblankett")
    problems = audit(page)
    panel.get_by_role("link", name="Samla in underskrifterna").click()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/samverkansintyg/")
    page.get_by_label("Skäl att skicka in utan alla undertecknade blanketter").fill(
        "Flera nämnder sammanträder efter sista ansökningsdag; blanketterna skickas i efterhand."
    )
    page.get_by_role("button", name="Spara skälet").click()
    expect(page.locator(".messages")).to_contain_text("Skälet sparades")
    problems += audit(page)

    page.locator("main").get_by_role("link", name=JOINT).click()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    expect(panel.locator(".next-step__blockers")).to_have_count(0)
    panel.get_by_role("button", name="Markera som inskickad").click()
    expect(page.locator(".messages")).to_contain_text("Inskickad")
    # The next step is now the funder's answer, and the panel says what it waits for.
    expect(panel.locator(".next-step__title")).to_have_text("Markera som beviljad")
    expect(panel).to_contain_text("beviljat belopp")
    problems += audit(page)
    project.refresh_from_db()
    assert project.status == Project.Status.SUBMITTED
    assert not ours(problems), "\n".join(ours(problems))


def test_on_a_phone_the_next_step_and_its_button_are_on_the_first_screen(
    browser: Browser, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    idea = Project.objects.get(title="Läxhjälp och språkstöd i förskolan")  # Täby's, half done
    page = new_page(browser, PHONE)
    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/projekt/{idea.pk}/")
    panel = page.locator(".next-step")
    expect(panel.locator(".next-step__title")).to_have_text("Påbörja behovsanalysen")
    button = panel.get_by_role("button", name="Påbörja behovsanalysen")
    expect(button).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    problems = audit(page)
    button.click()
    expect(page.locator(".messages")).to_contain_text("Behovsanalys")
    # Past the needs analysis the move is the coordinators': the checklist is what is left.
    expect(panel.get_by_role("link", name="Gör klart checklistan")).to_be_in_viewport()
    problems += audit(page)
    page.context.close()
    assert Project.objects.get(pk=idea.pk).status == Project.Status.NEEDS_ANALYSIS
    assert not ours(problems), "\n".join(ours(problems))
