"""The one calendar in a real browser: Koordination Norrort's coordinator goes from the start page
to the calendar, keeps only the meetings and the reports, sees them as a month and follows the
meeting to its page – on a wide screen and on a phone; axe finds nothing serious on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Meeting
from navet.followup.models import ReportDeadline
from navet.organisations.models import Consortium, Municipality
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.factories import MotionFactory, ProjectFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(cast: Cast, calls: None) -> Meeting:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    project = ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0160"),
        title="Språkvän i Täby",
        starts_on=timezone.localdate() + timedelta(days=10),
        ends_on=timezone.localdate() + timedelta(days=400),
    )
    ReportDeadline.objects.create(
        project=project,
        kind=ReportDeadline.Kind.INTERIM,
        due_on=timezone.localdate() + timedelta(days=1),
    )
    MotionFactory(consortium=norrort, title="Gemensam ansökan om § 37-medel")
    Meeting.objects.create(
        consortium=Consortium.objects.get(slug="etablering-sodertorn"),
        title="Södertörns nätverksträff",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    return Meeting.objects.create(
        consortium=norrort,
        title="Styrgruppsmöte december",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Täby kommunhus, sal 3",
        link="https://moten.example.se/styrgrupp",
    )


def _walk(page: Page, base: str, meeting: Meeting, width: int) -> list[str]:
    page.goto(f"{base}/")
    if width < 600:
        page.get_by_text("Meny", exact=True).click()  # a phone's menu is one button
    page.get_by_role("link", name="Kalender", exact=True).locator("visible=true").first.click()
    main = page.locator("main")
    for text in ("Sista ansökningsdag", meeting.title, "Röstningen stänger", "Delrapport"):
        expect(main).to_contain_text(text)
    expect(main).not_to_contain_text("Södertörns nätverksträff")
    expect(main.locator(".due--urgent").first).to_contain_text("brådskande")
    problems = audit(page)
    page.screenshot(path=f"/tmp/calendar-list-{width}.png", full_page=True)  # noqa: S108

    page.get_by_label("Möten").check()
    page.get_by_label("Rapporter till finansiärer").check()
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(main).to_contain_text(meeting.title)
    expect(main).to_contain_text("Täby kommunhus, sal 3")
    expect(main).to_contain_text("Delrapport")
    results = page.locator("#results")
    expect(results).not_to_contain_text("ESF+ programområde A2")  # a call
    expect(results).not_to_contain_text("Röstningen stänger")

    page.get_by_role("link", name="Visa en månad").click()
    day = timezone.localtime(meeting.starts_at).date()
    if day.month != timezone.localdate().month:
        page.get_by_role("link", name="Nästa månad").click()
    expect(page.get_by_label("Möten")).to_be_checked()  # the filter stays with the month
    cell = page.locator(f'td:has(time[datetime="{day:%Y-%m-%d}"])')
    expect(cell).to_contain_text(meeting.title)
    problems += audit(page)
    page.screenshot(path=f"/tmp/calendar-month-{width}.png", full_page=True)  # noqa: S108

    cell.get_by_role("link", name=meeting.title).click()
    expect(page.locator("h1")).to_contain_text(meeting.title)
    return problems


def test_a_coordinator_finds_the_meeting_in_the_calendar_and_follows_it(
    page: Page, live_server: LiveServer, cast: Cast, meeting: Meeting
) -> None:
    log_in(page, live_server.url, cast.coordinator)
    problems = _walk(page, live_server.url, meeting, 1366)
    assert not problems, "\n".join(problems)


def test_the_calendar_on_a_phone(
    browser: Browser, live_server: LiveServer, cast: Cast, meeting: Meeting
) -> None:
    page = new_page(browser, {"width": 390, "height": 844})
    log_in(page, live_server.url, cast.coordinator)
    problems = _walk(page, live_server.url, meeting, 390)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    assert not problems, "\n".join(problems)
