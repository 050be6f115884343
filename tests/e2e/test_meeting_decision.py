"""The steering loop closed at a meeting, in a real browser on the demo: the coordinator goes
from the start page to the open motion, on to the steering group meeting whose agenda holds it,
corrects the attendance as the minutes say, records the votes of the members present, and sees
the motion decided there and its project's steering decision recorded. Every page passes axe;
the changed pages are photographed at 1 366 and 390 px."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Motion, Vote
from navet.decisions.services import motion_update
from navet.demo.content import demo_seed
from navet.demo.projects import IDEA
from navet.projects.models import Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)
ABSENT = ("Ekerö", "Vaxholm")  # the minutes say these two did not come


def photograph(page: Page, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/meeting-decision-{name}-{width}.png", full_page=True)  # noqa: S108
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_coordinator_decides_the_open_motion_at_the_meeting(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    demo_seed()
    motion = Motion.objects.get(status=Motion.Status.OPEN, title__contains="digital kompetens")
    project = Project.objects.get(title=IDEA)
    # The demo's open motion names no project; here it is about the demo's project idea.
    motion_update(actor=cast.coordinator, motion=motion, project=project)
    meeting = motion.meeting
    assert meeting is not None

    log_in(page, live_server.url, cast.coordinator)
    closing = page.locator(
        "section.todo-group", has=page.locator("h3", has_text="Omröstningar som stänger inom")
    )
    closing.get_by_role("link", name=re.compile("digital kompetens")).click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    decide = f"/beslut/moten/{meeting.pk}/beslut/{motion.pk}/"
    page.locator(f'a[href="{decide}"]').click()
    page.wait_for_url(live_server.url + decide)
    expect(page.locator("form.meeting-votes-form fieldset")).to_have_count(15)

    # The minutes say two members were absent: the attendance is corrected first.
    page.locator("main p a", has_text=meeting.title).first.click()
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    page.locator(f'a[href="/beslut/moten/{meeting.pk}/narvaro/"]').click()
    for name in ABSENT:
        row = page.locator("fieldset.attendance-row", has=page.locator("legend", has_text=name))
        row.locator("input[value=absent]").check()
    page.locator("form.attendance-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    problems = audit(page)
    photograph(page, "meeting")
    page.locator(f'section[aria-labelledby=decide-heading] a[href="{decide}"]').click()
    page.wait_for_url(live_server.url + decide)
    rows = page.locator("form.meeting-votes-form fieldset")
    expect(rows).to_have_count(13)
    expect(page.locator("main")).to_contain_text("Ekerö, Vaxholm")

    # Too few votes first: refused, and what was typed stays.
    for index in range(6):
        rows.nth(index).locator("input[value=yes]").check()
    page.locator("form.meeting-votes-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text("minst 8 röster")
    expect(rows.nth(5).locator("input[value=yes]")).to_be_checked()
    problems += audit(page)
    photograph(page, "form-refused")

    for index in range(6, 13):
        choice = "no" if index == 12 else "abstain" if index == 11 else "yes"
        rows.nth(index).locator(f"input[value={choice}]").check()
    page.locator("form.meeting-votes-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    expect(page.locator(".outcome")).to_contain_text("Bifallet")
    expect(page.locator(".decided-at-meeting")).to_contain_text(meeting.title)
    expect(page.locator("#votes-table")).to_contain_text("registrerad på mötet")
    problems += audit(page)
    photograph(page, "motion")
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    assert motion.votes.filter(cast_as=Vote.CastAs.MEETING).count() == 13
    assert set(motion.votes.filter(choice="").values_list("municipality__name", flat=True)) == {
        *ABSENT
    }

    page.locator(f'main a[href="/projekt/{project.pk}/"]').first.click()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    expect(page.locator("main")).to_contain_text(motion.number)
    project.refresh_from_db()
    assert project.steering_decision_reference == motion.number
    assert project.steering_decision_on == timezone.localdate(meeting.starts_at)
    assert not problems, "\n".join(problems)
