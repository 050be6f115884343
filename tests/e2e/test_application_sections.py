"""Moving through an application's sections in a real browser: Täby's contact comes from the home
page to the application, finds its parts from the "På sidan" menu, writes the first section, goes
to the next by its link and back by the previous one. Leaving with unsaved text asks first, on
these links too. axe passes; the pages are photographed at 1366 px and a phone's width."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application
from navet.applications.services import application_create
from navet.calls.models import Programme
from navet.calls.services import funders_seed
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import CallFactory, ProjectFactory

pytestmark = pytest.mark.browser


def _application(cast: Cast) -> Application:
    funders_seed()
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),  # Täby, the contact's
        title="Digital delaktighet för nyanlända",
        call=CallFactory(programme=Programme.objects.get(slug="lst-stockholm-37")),
        status=Project.Status.APPLICATION,
    )
    return application_create(actor=cast.coordinator, project=project)


def _looked_at(page: Page, folder: Path, name: str) -> None:
    """The page at 1366 px and at a phone's width, fitting it, saved to be looked at."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=folder / f"{name}-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=folder / f"{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_a_contact_writes_a_section_goes_to_the_next_and_back(
    page: Page, live_server: LiveServer, cast: Cast, tmp_path: Path
) -> None:
    application = _application(cast)
    first, second = application.sections.order_by("position")[:2]
    detail = f"{live_server.url}/ansokningar/{application.pk}/"

    log_in(page, live_server.url, cast.contact)
    page.locator('nav.main-nav a[href="/ansokningar/"]').click()
    page.locator(f'main a[href="/ansokningar/{application.pk}/"]').first.click()
    page.wait_for_url(detail)
    menu = page.get_by_role("navigation", name="På sidan")
    menu.get_by_role("link", name="Avsnitt").click()
    page.wait_for_url(f"{detail}#sections-heading")
    problems = audit(page)
    _looked_at(page, tmp_path, "application")

    page.locator(f'a[href="/ansokningar/{application.pk}/avsnitt/{first.key}/"]').click()
    expect(page.locator("h1")).to_have_text(first.heading)
    pager = page.get_by_role("navigation", name="Ansökans avsnitt")
    expect(pager.locator("a[rel=prev]")).to_have_count(0)  # the first has none before it
    editor = page.locator("textarea[name=text]")
    editor.press_sequentially("Projektet ska motverka digitalt utanförskap.")

    # Unsaved text: the next section's link asks first, and staying keeps the text.
    next_link = pager.get_by_role("link", name=f"Nästa avsnitt {second.heading}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as asked:
        next_link.click()
    assert asked.value.type == "beforeunload"
    expect(page).to_have_url(f"{detail}avsnitt/{first.key}/")
    expect(editor).to_have_value("Projektet ska motverka digitalt utanförskap.")

    page.locator("#section-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Avsnittet sparades")
    problems += audit(page)
    _looked_at(page, tmp_path, "section")

    # Saved: the link leaves without asking, to the next section and back by the previous one.
    page.on("dialog", lambda dialog: problems.append(f"asked on leaving: {dialog.type}"))
    next_link.click()
    expect(page.locator("h1")).to_have_text(second.heading)
    expect(page.locator("textarea[name=text]")).to_have_value("")
    problems += audit(page)
    _looked_at(page, tmp_path, "next-section")
    pager.get_by_role("link", name=f"Föregående avsnitt {first.heading}").click()
    expect(page.locator("h1")).to_have_text(first.heading)
    expect(editor).to_have_value("Projektet ska motverka digitalt utanförskap.")
    assert not problems, "\n".join(problems)
