"""Täby's contact, from the start page, writes the budget section of an application with a total
that is not the budget's: the application's page says so, in the budget section's card, and the
downloaded application is an A4 document headed by the consortium and the project with the budget
builder's figures, without the flag. Axe passes; screenshots at 1366 and 390 px wide."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application
from navet.applications.services import application_create
from navet.calls.models import Programme
from navet.calls.services import funders_seed
from navet.followup.services import budget_set
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests import documents
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import PHONE, log_in, new_page
from tests.factories import CallFactory, ProjectFactory

pytestmark = pytest.mark.browser

HEADER = "Koordination Norrort · Digital delaktighet för nyanlända"


def _application(cast: Cast) -> Application:
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
    project.contacts.add(cast.contact)
    budget_set(
        actor=cast.coordinator,
        project=project,
        municipality=None,
        amounts={("staff", 2027): 700_000, ("travel", 2027): 100_000},
    )
    return application_create(actor=cast.coordinator, project=project)


def test_the_writer_sees_where_the_budget_text_disagrees_and_the_document_is_fit_to_send(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, tmp_path: Path
) -> None:
    application = _application(cast)
    project = application.project
    base = live_server.url

    log_in(page, base, cast.contact)
    page.locator('a[href="/projekt/"]:visible').first.click()
    page.locator(f'a[href="/projekt/{project.pk}/"]').first.click()
    page.locator(f'a[href="/ansokningar/{application.pk}/"]').first.click()
    detail = f"{base}/ansokningar/{application.pk}/"
    page.wait_for_url(detail)
    expect(page.locator("#budget-mismatches")).to_have_count(0)

    page.locator(f'a[href="/ansokningar/{application.pk}/avsnitt/budget/"]').click()
    page.fill("textarea[name=text]", "Projektets totala budget är 900 000 kr.")
    page.locator("form.form button[type=submit]").first.click()
    page.wait_for_url(f"{detail}avsnitt/budget/")
    page.goto(detail)

    flag = page.locator("#section-budget ~ #budget-mismatches")
    expect(flag).to_be_visible()
    expect(flag).to_contain_text("900 000 kr")
    expect(flag).to_contain_text("800\u00a0000\u00a0kr")
    problems = audit(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=tmp_path / "application-1366.png", full_page=True)
    phone = new_page(browser, PHONE)
    try:
        log_in(phone, base, cast.contact)
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(detail)
        expect(phone.locator("#budget-mismatches")).to_be_visible()
        phone.screenshot(path=tmp_path / "application-390.png", full_page=True)
        problems += audit(phone)
    finally:
        phone.context.close()

    for fmt in ("docx", "pdf"):
        with page.expect_download() as info:
            page.locator(f'a[href="/ansokningar/{application.pk}/ansokan.{fmt}"]').click()
        content = Path(info.value.path()).read_bytes()
        if fmt == "docx":
            text = documents.docx_text(documents.docx_of(content, header=HEADER))
        else:
            text = documents.pdf_text(content, header=HEADER)
        text = text.replace("\u00a0", " ")
        assert "Projektets totala budget är 900 000 kr." in text  # the text as written
        assert "Total budget 800 000 kr" in " ".join(text.split())  # the budget builder's
        assert "budgeten:" not in text  # the flag stays on the page

    assert not problems, "\n".join(problems)
