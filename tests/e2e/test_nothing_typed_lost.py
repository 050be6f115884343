"""Nothing typed is lost, in a real browser: Täby's contact types into several items of the needs
analysis and saves one, and finds every item kept; types into an application's section, adds an
earlier application's text and saves, and finds both; pauses while writing, and finds the draft
kept on the section's versions page, opened again in the editor."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application
from navet.applications.services import application_create, section_save
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import NeedsAnalysisItem, Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import PHONE, log_in
from tests.factories import CallFactory, ProjectFactory

pytestmark = pytest.mark.browser


def _looked_at(page: Page, folder: Path, name: str) -> None:
    """The page at 1366 px and at a phone's width, fitting it, saved to be looked at."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=folder / f"{name}-1366.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=folder / f"{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _project(status: str, **fields: object) -> Project:
    return ProjectFactory(
        consortium=Consortium.objects.get(slug="koordination-norrort"),
        owner=Municipality.objects.get(code="0160"),  # Täby, the contact's
        call=CallFactory(),
        status=status,
        **fields,
    )


def test_saving_one_item_of_the_checklist_keeps_every_item_typed_into(
    page: Page, live_server: LiveServer, cast: Cast, tmp_path: Path
) -> None:
    project = _project(Project.Status.NEEDS_ANALYSIS, title="Digital vardag")
    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    page.get_by_role("link", name="Behovsanalysens checklista").click()
    typed = {
        "study_visits": "Studiebesök i Botkyrka.",
        "environment_scan": "Omvärldsanalys av tre kommuner.",
        "interviews": "Fem deltagare intervjuade.",
    }
    for kind, text in typed.items():
        page.locator(f"#item-{kind} textarea").fill(text)
    page.locator("#item-interviews").get_by_label("Klar").check()
    page.locator("#item-interviews button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Behovsanalysen sparades")
    for kind, text in typed.items():
        expect(page.locator(f"#item-{kind} textarea")).to_have_value(text)
    notes = dict(NeedsAnalysisItem.objects.filter(project=project).values_list("kind", "notes"))
    assert notes == typed
    assert NeedsAnalysisItem.objects.get(project=project, kind="interviews").done
    assert audit(page) == []
    _looked_at(page, tmp_path, "checklist")


def test_a_section_keeps_the_typed_text_through_a_copy_and_a_pause(
    page: Page, live_server: LiveServer, cast: Cast, tmp_path: Path
) -> None:
    earlier = _project(Project.Status.FINISHED, title="Språkcafé")
    earlier_application = application_create(actor=cast.coordinator, project=earlier)
    section_save(
        actor=cast.coordinator,
        section=earlier_application.sections.get(key="target_group"),
        text="Digital kunskap för nyanlända.",
        based_on=0,
    )
    project = _project(
        Project.Status.APPLICATION,
        title="Digital delaktighet",
        description="Digital kunskap för nyanlända i norrort.",
    )
    application = application_create(actor=cast.contact, project=project)
    base = f"{live_server.url}/ansokningar/{application.pk}/"

    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    page.locator(f'a[href="/ansokningar/{application.pk}/"]').first.click()
    page.locator(f'a[href="/ansokningar/{application.pk}/avsnitt/target_group/"]').click()
    editor = page.locator("textarea[name=text]")
    editor.fill("Föräldrar i Täby.")
    page.get_by_role("button", name="Lägg till texten från Språkcafé efter din").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(editor).to_have_value("Föräldrar i Täby.\n\nDigital kunskap för nyanlända.")
    _looked_at(page, tmp_path, "section")
    editor.press("Control+End")
    editor.type(" Och deras barn.")
    page.locator("#section-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Avsnittet sparades")
    section = Application.objects.get(pk=application.pk).sections.get(key="target_group")
    assert section.text == "Föräldrar i Täby.\n\nDigital kunskap för nyanlända. Och deras barn."
    assert audit(page) == []

    # A pause in the writing keeps a draft; it is found on the versions page and opened again.
    editor.fill(section.text + " Halvskrivet")
    expect(page.locator("#draft-status")).to_contain_text("Utkastet sparades automatiskt")
    page.goto(f"{base}avsnitt/target_group/versioner/")
    expect(page.locator("#draft-heading")).to_be_visible()
    assert audit(page) == []
    _looked_at(page, tmp_path, "versions")
    page.get_by_role("link", name="Öppna utkastet i redigeraren").click()
    expect(editor).to_have_value(section.text + " Halvskrivet")
    page.locator("#section-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Avsnittet sparades")
    section.refresh_from_db()
    assert section.text.endswith("Halvskrivet")
    assert not section.drafts.exists()
