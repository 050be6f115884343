"""An application written and reviewed by three people in a real browser: Täby's contact starts
it from the project's page and writes, Sigtuna's contact saves the same section first so Täby's
save meets a conflict with both texts and is merged, the risk section is filled from the
register, the coordinator comments and approves, the checklist goes green and the .docx holds
every section; axe passes on every page on the way.

Pages are found by their addresses and forms, so the test holds whichever language the
catalogue gives it.
"""

from io import BytesIO
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application, Comment
from navet.applications.services import section_save
from navet.calls.models import Programme
from navet.calls.services import funders_seed
from navet.core.models import User
from navet.followup.services import budget_set
from navet.organisations.models import Consortium, Municipality, Role
from navet.projects.models import Project
from navet.risks.services import risk_create
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.factories import CallFactory, ProjectFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.browser


def _project(cast: Cast) -> Project:
    funders_seed()
    project = ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),
        participants=[Municipality.objects.get(code="0191")],
        title="Digital delaktighet för nyanlända",
        call=CallFactory(
            programme=Programme.objects.get(slug="lst-stockholm-37"),
            title="Utvecklingsmedel § 37",
            max_amount_sek=2_000_000,
        ),
        requested_sek=800_000,
        status=Project.Status.APPLICATION,
    )
    risk_create(
        actor=cast.coordinator,
        project=project,
        title="Få deltagare anmäler sig",
        likelihood="medium",
        consequence="more_serious",
        owner=cast.coordinator,
    )
    budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2027): 800_000},
    )
    return project


def _sigtuna_contact() -> User:
    user = UserFactory(username="kontakt.sigtuna")
    RoleAssignmentFactory(
        user=user,
        role=Role.CONTACT,
        consortium=None,
        municipality=Municipality.objects.get(code="0191"),
    )
    return user


def _save_section(page: Page, text: str) -> None:
    page.fill("textarea[name=text]", text)
    page.locator("form.form button[type=submit]").first.click()


def test_three_people_write_and_review_an_application(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    project = _project(cast)
    sigtuna = _sigtuna_contact()
    base = live_server.url

    # Täby's contact starts the application from the project's page and writes the purpose.
    log_in(page, base, cast.contact)
    page.goto(f"{base}/projekt/{project.pk}/")
    start = page.locator(f'#project-applications form[action="/projekt/{project.pk}/ansokningar/"]')
    start.locator("button").click()
    application = Application.objects.get(project=project)
    detail = f"{base}/ansokningar/{application.pk}/"
    page.wait_for_url(detail)
    expect(page.locator(".application-section")).to_have_count(14)
    problems = audit(page)
    page.locator(f'a[href="/ansokningar/{application.pk}/avsnitt/purpose/"]').click()
    _save_section(page, "Projektet ska motverka digitalt utanförskap.")
    page.wait_for_url(f"{detail}avsnitt/purpose/")
    problems += audit(page)

    # Both contacts open the goals; Sigtuna saves first, Täby's save is a conflict.
    goals = f"{detail}avsnitt/goals/"
    page.goto(goals)
    other = new_page(browser)
    try:
        log_in(other, base, sigtuna)
        other.goto(goals)
        _save_section(other, "Sigtunas mål: 40 deltagare.")
        other.wait_for_url(goals)
    finally:
        other.context.close()
    _save_section(page, "Täbys mål: 30 deltagare.")
    conflict = page.locator("section.conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".conflict-theirs")).to_contain_text("Sigtunas mål: 40 deltagare.")
    expect(conflict.locator(".conflict-mine")).to_contain_text("Täbys mål: 30 deltagare.")
    expect(conflict.locator(".diff del")).not_to_have_count(0)
    expect(conflict.locator(".diff ins")).not_to_have_count(0)
    expect(page.locator("textarea[name=text]")).to_have_value("Täbys mål: 30 deltagare.")
    problems += audit(page)
    _save_section(page, "Sigtunas mål: 40 deltagare. Täbys mål: 30 deltagare.")
    page.wait_for_url(goals)
    expect(page.locator("section.conflict")).to_have_count(0)
    goals_section = application.sections.get(key="goals")
    assert goals_section.text == "Sigtunas mål: 40 deltagare. Täbys mål: 30 deltagare."
    assert goals_section.versions.count() == 2

    # The versions compare with words and marks, and the risk section fills from the register.
    page.goto(f"{goals}versioner/")
    expect(page.locator(".diff ins")).not_to_have_count(0)
    problems += audit(page)
    page.goto(f"{detail}avsnitt/risks/")
    page.locator(
        f'button[formaction="/ansokningar/{application.pk}/avsnitt/risks/risker/"]'
    ).click()
    page.wait_for_url(f"{detail}avsnitt/risks/")
    expect(page.locator("textarea[name=text]")).to_contain_text("Få deltagare anmäler sig")

    # The rest is written (as the three would), and Täby asks for a review.
    for section in application.sections.filter(text=""):
        section_save(actor=cast.contact, section=section, text=f"Om {section.heading}.", based_on=0)
    page.goto(detail)
    page.locator(f'form[action="/ansokningar/{application.pk}/granskning/"] button').click()
    page.wait_for_url(detail)

    # The coordinator comments, Täby resolves it, the coordinator approves.
    coordinator = new_page(browser)
    try:
        log_in(coordinator, base, cast.coordinator)
        coordinator.goto(f"{detail}avsnitt/purpose/")
        coordinator.fill("form[action$='/kommentarer/'] textarea", "Ange ett mätbart mål.")
        coordinator.locator("form[action$='/kommentarer/'] button").click()
        expect(coordinator.locator(".comment")).to_contain_text("Ange ett mätbart mål.")
        problems += audit(coordinator)
        page.goto(f"{detail}avsnitt/purpose/")
        page.locator(".comment form button").click()
        assert Comment.objects.get().resolved_by == cast.contact
        coordinator.goto(detail)
        coordinator.locator("form[action$='/granska/'] button[value=approve]").click()
        coordinator.wait_for_url(detail)
    finally:
        coordinator.context.close()
    application.refresh_from_db()
    assert application.review_status == Application.ReviewStatus.APPROVED

    # The checklist is green, and the .docx holds every section.
    page.goto(detail)
    expect(page.locator(".checklist-item--missing")).to_have_count(0)
    expect(page.locator(".checklist-item--ok")).to_have_count(16)
    expect(page.locator(".checklist-score")).to_contain_text("100")
    problems += audit(page)
    with page.expect_download() as info:
        page.locator(f'a[href="/ansokningar/{application.pk}/ansokan.docx"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = docx.Document(BytesIO(Path(download.path()).read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    for section in application.sections.order_by("position"):
        assert section.heading in paragraphs
        assert section.text.split("\n\n")[0] in paragraphs

    assert not problems, "\n".join(problems)
