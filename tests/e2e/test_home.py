"""Every role starts on the demo from its to-do list: it finds its work there, follows a line to
the page where the thing is done, and does it. Every home passes axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Meeting, Motion
from navet.demo.content import DEMO_PASSWORD, demo_seed
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import LOGIN_FORM, LOGIN_PATH, PHONE, log_in, new_page

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(cast: Cast) -> None:
    demo_seed()


def _group(page: Page, title: str) -> object:
    return page.locator("section.todo-group", has=page.locator("h3", has_text=title))


def test_the_coordinator_finds_the_coming_meeting_and_sends_its_invitation(
    page: Page, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    expect(page.locator("h2", has_text="Att göra i Koordination Norrort")).to_be_visible()
    assert not audit(page)
    meetings = _group(page, "Möten de kommande 14 dagarna")
    expect(_group(page, "Rapporter till finansiärer inom 30 dagar")).to_contain_text("Delrapport")
    expect(_group(page, "Projekt som riskerar att betala tillbaka bidrag")).to_contain_text(
        "Digital vardag"
    )
    meetings.get_by_role("link", name="Styrgruppsmöte Koordination Norrort").click()
    meeting = Meeting.objects.get(
        title="Styrgruppsmöte Koordination Norrort", starts_at__gt=timezone.now()
    )
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    page.get_by_role("button", name="Skicka kallelse").click()
    expect(page.locator(".messages")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.invited_at is not None


def test_a_representative_finds_the_vote_waiting_and_votes(
    browser: Browser, live_server: LiveServer, demo: None
) -> None:
    page = new_page(browser)
    page.goto(live_server.url + LOGIN_PATH)
    form = page.locator(LOGIN_FORM)
    form.locator("input[name=username]").fill("styrgrupp.solna")
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    votes = _group(page, "Omröstningar som väntar på dig")
    expect(votes).to_contain_text("du röstar för Solna")
    expect(_group(page, "Beslut de senaste 90 dagarna")).to_contain_text(
        "Traumamedveten personal i hela Norrort"
    )
    assert not audit(page)
    motion = Motion.objects.get(status=Motion.Status.OPEN)
    votes.get_by_role("link", name=f"{motion.number} {motion.title}").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    page.locator('form.vote-form button[value="yes"]').click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    assert motion.votes.get(municipality__code="0184").choice == "yes"
    page.goto(live_server.url + "/")
    expect(page.locator("h3", has_text="Omröstningar som väntar på dig")).to_have_count(0)
    page.context.close()


def test_a_contact_finds_its_project_at_risk_and_opens_its_follow_up(
    browser: Browser, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    page = new_page(browser, PHONE)
    log_in(page, live_server.url, cast.contact)
    expect(page.locator("h2", has_text="Att göra i Täby")).to_be_visible()
    assert not audit(page)
    at_risk = _group(page, "Era projekt som riskerar att betala tillbaka bidrag")
    at_risk.get_by_role("link").first.click()
    page.wait_for_url(f"{live_server.url}/projekt/*/uppfoljning/")
    expect(page.locator("main")).to_contain_text("återbetal")
    page.context.close()


def test_the_viewer_reads_the_year_and_a_members_page(
    page: Page, live_server: LiveServer, cast: Cast, demo: None
) -> None:
    log_in(page, live_server.url, cast.viewer)
    year = timezone.localdate().year
    expect(page.locator("h2", has_text=f"Året {year} i siffror")).to_be_visible()
    expect(page.locator(".year-numbers").first).to_contain_text("Behållet")
    assert not audit(page)
    page.get_by_text("En sida per medlemskommun, för utskrift").click()
    page.get_by_role("link", name="Täby", exact=True).click()
    page.wait_for_url(f"{live_server.url}/ekonomi/koordination-norrort/{year}/kommun/0160/")
    expect(page.locator("h1")).to_have_text(f"Täby i det gemensamma arbetet {year}")
    assert not audit(page)
