"""Meetings in a real browser: the coordinator records who came to a steering-group meeting,
the meeting page and the participation view show it, and every page passes axe.

The pages are found by their addresses and forms, not by their texts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Attendance
from navet.decisions.services import meeting_create
from navet.organisations.models import Consortium
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser


def test_the_coordinator_records_attendance_and_sees_participation(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    now = timezone.now()
    meeting = meeting_create(
        actor=cast.coordinator,
        consortium=norrort,
        kind="steering",
        title="Styrgruppsmöte i november",
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=1),
        place="Sigtuna stadshus",
        agenda=["Behovsinventering", "Ansökan om § 37-medel"],
    )

    log_in(page, live_server.url, cast.coordinator)
    page.goto(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    expect(page.locator("section[aria-labelledby=agenda-heading] li")).to_have_count(2)
    problems = audit(page)

    page.locator(f'a[href="/beslut/moten/{meeting.pk}/narvaro/"]').click()
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/narvaro/")
    rows = page.locator("form.attendance-form fieldset.attendance-row")
    expect(rows).to_have_count(15)  # every member of Koordination Norrort
    rows.nth(0).locator("input[value=present]").check()
    rows.nth(1).locator("input[value=excused]").check()
    problems += audit(page)
    page.locator("form.attendance-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    statuses = Attendance.objects.filter(meeting=meeting).exclude(status="")
    assert sorted(statuses.values_list("status", flat=True)) == ["excused", "present"]
    problems += audit(page)

    page.goto(f"{live_server.url}/beslut/deltagande/{norrort.slug}/")
    expect(page.locator("main table tbody tr")).to_have_count(15)
    problems += audit(page)
    assert not problems, "\n".join(problems)
