"""A project's preparation in a real browser: Täby's contact ticks an item of the needs analysis
and attaches a file; the coordinator, once the checklist is done, takes the project to its
application, asks Solna for its cooperation form, and finds the submission held back; Solna's
contact records the signed form; the coordinator records why Sigtuna's form comes later and
submits. Every page passes axe."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.organisations.models import Consortium
from navet.projects import lifecycle
from navet.projects.models import NeedsAnalysisItem, PartnerConfirmation, Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.e2e.test_projects import ours
from tests.factories import CallFactory, NeedsAnalysisItemFactory, ProjectFactory
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _move(page: Page, status: str) -> None:
    page.locator(f'form:has(input[name=to][value="{status}"]) button').click()
    expect(page.locator(".messages")).to_be_visible()


def test_the_checklist_and_the_cooperation_forms_lead_to_the_submission(
    page: Page, live_server: LiveServer, cast: Cast, browser, settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    norrort = Consortium.objects.get(slug="koordination-norrort")
    project = ProjectFactory(
        consortium=norrort,
        owner=municipality("0160"),  # Täby, the contact's
        participants=[municipality("0191"), municipality("0184")],  # Sigtuna, Solna
        title="Digital vardag för nyanlända vuxna",
        status=Project.Status.NEEDS_ANALYSIS,
        call=CallFactory(),
        requested_sek=1_200_000,
    )
    notes = tmp_path / "intervjuer.txt"
    notes.write_text("Intervjuer med deltagare, handläggare och enhetschefer.\n")

    # Täby's contact ticks the interviews and attaches the notes.
    log_in(page, live_server.url, cast.contact)
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    expect(page.locator("#checklist-progress")).to_have_text("0 av 6 punkter klara")
    page.get_by_role("link", name="Behovsanalysens checklista").click()
    problems = audit(page)
    item = page.locator("#item-interviews")
    item.get_by_label("Klar").check()
    item.get_by_label("Anteckningar").fill("Fem deltagare, tre handläggare, två enhetschefer.")
    item.get_by_label("Bifoga en fil").set_input_files(notes)
    item.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Behovsanalysen sparades")
    expect(page.locator("#item-interviews")).to_contain_text("intervjuer.txt")
    expect(page.locator("#checklist-progress")).to_contain_text("1 av 6")
    problems += audit(page)
    assert NeedsAnalysisItem.objects.get(project=project, kind="interviews").done

    # The coordinator: the decision waits for the rest of the checklist.
    coordinator = new_page(browser)
    log_in(coordinator, live_server.url, cast.coordinator)
    coordinator.goto(f"{live_server.url}/projekt/{project.pk}/")
    expect(coordinator.locator(".next-step")).to_contain_text("behovsanalysen")
    for kind in lifecycle.NEEDS_ANALYSIS_ITEMS:
        NeedsAnalysisItemFactory(project=project, kind=kind)
    coordinator.reload()
    _move(coordinator, "decision")
    coordinator.locator(".next-step").get_by_role("button", name="Starta ansökan till").click()
    coordinator.wait_for_url(f"{live_server.url}/ansokningar/**")
    coordinator.goto(f"{live_server.url}/projekt/{project.pk}/")
    expect(coordinator.locator(".next-step")).to_contain_text("samverkansblankett")
    problems += audit(coordinator)

    # ... asks Solna for its form.
    coordinator.get_by_role("link", name="Samverkansblanketterna").click()
    coordinator.get_by_role("button", name="Be Solna underteckna").click()
    expect(coordinator.locator(".messages")).to_contain_text("Solna ombads")
    expect(coordinator.locator("#partner-0184")).to_contain_text("Begärt, inte undertecknat")
    problems += audit(coordinator)

    # Solna's contact records the signed form.
    solna = new_page(browser)
    log_in(solna, live_server.url, cast.solna_contact)
    solna.goto(f"{live_server.url}/projekt/{project.pk}/samverkansintyg/")
    solna.get_by_role("link", name="Registrera Solna undertecknade blankett").click()
    problems += audit(solna)
    solna.get_by_label("Undertecknad av").fill("Britt-Marie Ekström")
    solna.get_by_label("Undertecknarens titel").fill("socialdirektör")
    solna.get_by_label("Undertecknad den").fill("2026-11-02")
    solna.get_by_label("Nämndens beslut").fill("Socialnämnden 2026-10-20 § 7")
    solna.get_by_label("Den undertecknade blanketten").set_input_files(
        {"name": "blankett.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    solna.locator("form.confirmation-form button[type=submit]").click()
    expect(solna.locator("#partner-0184")).to_contain_text("Britt-Marie Ekström, socialdirektör")
    problems += audit(solna)
    solna.context.close()
    assert PartnerConfirmation.objects.get().signed_by_name == "Britt-Marie Ekström"

    # The coordinator records why Sigtuna's form comes later, and submits.
    coordinator.reload()
    expect(coordinator.locator("#confirmation-progress")).to_contain_text("1 av 2")
    coordinator.get_by_label("Skäl att skicka in utan alla undertecknade blanketter").fill(
        "Sigtunas nämnd sammanträder efter sista ansökningsdag; blanketten skickas i efterhand."
    )
    coordinator.get_by_role("button", name="Spara skälet").click()
    expect(coordinator.locator(".messages")).to_contain_text("Skälet sparades")
    coordinator.goto(f"{live_server.url}/projekt/{project.pk}/")
    expect(coordinator.locator(".waiver")).to_contain_text("Sigtunas nämnd")
    _move(coordinator, "submitted")
    problems += audit(coordinator)
    coordinator.context.close()
    assert Project.objects.get(pk=project.pk).status == "submitted"
    assert not ours(problems), "\n".join(ours(problems))
