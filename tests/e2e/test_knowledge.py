"""The knowledge bank in a real browser: a contact finds it in the menu, searches, opens an
entry, starts a project idea from it, and the related entries appear on the need's page; the
pages pass axe.

Pages are found by their addresses and forms, not by their texts, so the test holds whichever
language the catalogue gives it.
"""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.knowledge.models import Reuse
from navet.organisations.models import Consortium, Municipality
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import NeedFactory
from tests.knowledge.conftest import EntryFactory

pytestmark = pytest.mark.browser


def test_a_contact_searches_the_bank_and_reuses_an_entry(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    taby = Municipality.objects.get(code="0160")
    entry = EntryFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0191"),
        title="Digitala guider på biblioteket",
        description="Handledare hjälper med **BankID**.\n\n- en kväll i veckan",
        themes=["digital-inkludering"],
    )
    need = NeedFactory(municipality=taby, title="Digitalt stöd i Täby")
    need.themes.set(entry.themes.all())

    log_in(page, live_server.url, cast.contact)
    link = page.locator('nav.main-nav a[href="/kunskap/"]')
    link.click()
    page.wait_for_url(live_server.url + "/kunskap/")
    expect(link).to_have_attribute("aria-current", "page")
    page.locator("input[name=q]").fill("BankID")
    page.locator("form.filters button[type=submit]").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    problems = audit(page)

    rows.first.locator(f'a[href="/kunskap/{entry.pk}/"]').click()
    expect(page.locator(".prose strong")).to_have_text("BankID")
    problems += audit(page)
    page.locator("form.reuse-form select[name=need]").select_option(str(need.pk))
    page.locator("form.reuse-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/projekt/*/")
    reuse = Reuse.objects.get()
    assert reuse.municipality == taby
    assert page.url.endswith(f"/projekt/{reuse.project.pk}/")
    expect(page.locator(f'#related-entries a[href="/kunskap/{entry.pk}/"]')).to_be_visible()

    page.goto(f"{live_server.url}/behov/{need.pk}/")
    expect(page.locator(f'#related-entries a[href="/kunskap/{entry.pk}/"]')).to_be_visible()
    problems += audit(page)
    assert not problems, "\n".join(problems)
