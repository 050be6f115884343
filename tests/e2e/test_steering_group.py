"""The steering group's whole round in a real browser: the coordinator calls a meeting and
records who came, puts a motion on a joint project, the members' representatives vote (a deputy
is refused once the representative has voted, a vote after the close is refused), the result
and the minutes extract (PDF) are produced, the project's move to the application unlocks, and
the agreement's follow-up shows progress. Every page passes axe."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Attendance, Meeting, Motion
from navet.decisions.services import agreement as agreement_services
from navet.organisations.models import ConsortiumMembership, Role
from tests.a11y.test_axe import audit
from tests.e2e.browser import log_in
from tests.factories import (
    CallFactory,
    ConsortiumFactory,
    DeputyFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser

MOMENT = "%Y-%m-%dT%H:%M"


def _csrf(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def test_a_steering_group_meets_votes_and_follows_up(
    page: Page, live_server: LiveServer, cast, browser
) -> None:
    group = ConsortiumFactory(name="Styrgrupp Sigtuna–Täby", slug="styrgrupp-sigtuna-taby")
    sigtuna, taby = municipality("0191"), municipality("0160")
    for member in (sigtuna, taby):
        ConsortiumMembership.objects.create(consortium=group, municipality=member)
    coordinator = UserFactory(username="samordnare.grupp")
    RoleAssignmentFactory(user=coordinator, role=Role.COORDINATOR, consortium=group)
    voters = {}
    for member, username in ((sigtuna, "ledamot.sigtuna"), (taby, "ledamot.taby")):
        voters[username] = UserFactory(username=username)
        RoleAssignmentFactory(
            user=voters[username], role=Role.STEERING, consortium=group, municipality=member
        )
    deputy = UserFactory(username="ersattare.sigtuna")
    DeputyFactory(
        assignment=RoleAssignmentFactory(
            user=deputy, role=Role.STEERING, consortium=group, municipality=sigtuna
        )
    )
    project = ProjectFactory(
        consortium=group,
        owner=sigtuna,
        title="Digital vardag i Sigtuna och Täby",
        scope="consortium",
        status="decision",
        call=CallFactory(),
    )
    project.participants.add(taby)
    agreement = agreement_services.agreement_save(
        actor=coordinator, consortium=group, title="Överenskommelse", vision="Fler insatser."
    )
    goal = agreement_services.goal_save(actor=coordinator, agreement=agreement, title="Medel")
    subgoal = agreement_services.subgoal_save(
        actor=coordinator,
        goal=goal,
        title="Beviljade externa medel per år",
        indicator="Beviljat belopp",
        unit="kr",
        baseline=Decimal(431_000),
        baseline_on=date(2023, 2, 1),
        target=Decimal(1_000_000),
        target_on=date(2030, 12, 31),
    )

    # The coordinator calls the meeting, which has begun, and records who came.
    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/beslut/moten/nytt/?samverkan={group.slug}")
    problems = audit(page)
    now = timezone.localtime()
    page.fill("input[name=title]", "Styrgruppsmöte")
    page.fill("input[name=starts_at]", (now - timedelta(minutes=30)).strftime(MOMENT))
    page.fill("input[name=ends_at]", (now + timedelta(hours=1)).strftime(MOMENT))
    page.fill("input[name=place]", "Sigtuna stadshus")
    page.locator("form.form button[type=submit]").click()
    meeting = Meeting.objects.get(consortium=group)
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    problems += audit(page)
    page.goto(f"{live_server.url}/beslut/moten/{meeting.pk}/narvaro/")
    rows = page.locator("form.attendance-form fieldset.attendance-row")
    expect(rows).to_have_count(2)
    rows.nth(0).locator("input[value=present]").check()
    rows.nth(1).locator("input[value=present]").check()
    problems += audit(page)
    page.locator("form.attendance-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/moten/{meeting.pk}/")
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 2

    # A motion on the joint project; the project may not start its application yet.
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    expect(page.locator(".next-step")).to_contain_text("styrgruppens beslut")
    page.goto(f"{live_server.url}/beslut/nytt/?samverkan={group.slug}&projekt={project.pk}")
    page.fill("input[name=title]", "Ansöka om medel för Digital vardag")
    page.fill("textarea[name=proposal]", "Att söka utlysningen med projektet för båda kommunerna.")
    closes = now + timedelta(days=7)
    page.fill("input[name=closes_at]", closes.strftime(MOMENT))
    page.locator("form.form button[type=submit]").click()
    motion = Motion.objects.get(consortium=group)
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    problems += audit(page)

    # The representatives vote; Sigtuna's deputy is refused a second vote for Sigtuna.
    pages = {}
    for username in ("ledamot.sigtuna", "ersattare.sigtuna", "ledamot.taby"):
        voter = browser.new_page()
        log_in(voter, live_server.url, voters.get(username) or deputy)
        voter.goto(f"{live_server.url}/beslut/{motion.pk}/")
        choice = "no" if username == "ersattare.sigtuna" else "yes"
        voter.locator(f'form.vote-form button[value="{choice}"]').click()
        voter.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
        pages[username] = voter
    refused = pages["ersattare.sigtuna"]
    expect(refused.locator(".messages")).to_be_visible()
    problems += audit(refused)
    assert dict(motion.votes.values_list("municipality__code", "choice")) == {
        "0191": "yes",
        "0160": "yes",
    }
    assert motion.votes.get(municipality=sigtuna).cast_by == voters["ledamot.sigtuna"]

    # Everyone has voted: the coordinator closes, sets the paragraph and takes the extract.
    page.goto(f"{live_server.url}/beslut/{motion.pk}/")
    page.locator("form[action$='/stang/'] button").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    expect(page.locator(".outcome")).to_be_visible()
    page.fill("input[name=paragraph]", "§ 5")
    page.check("input[name=adjusted_immediately]")
    page.locator("form[action$='/protokoll/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    problems += audit(page)
    href = page.locator("a[href$='protokollsutdrag.pdf']").get_attribute("href")
    extract = page.request.get(f"{live_server.url}{href}")
    assert extract.headers["content-type"] == "application/pdf"
    text = "\n".join(
        p.extract_text() for p in pypdf.PdfReader(BytesIO(extract.body())).pages
    ).replace("\xa0", " ")
    for expected in (motion.number, "§ 5", "Sigtuna", "Täby", "2 av 2", "justeras omedelbart"):
        assert expected in text, expected

    # Täby's representative is too late to change the vote.
    late = pages["ledamot.taby"]
    late.goto(f"{live_server.url}/beslut/{motion.pk}/")
    expect(late.locator("form.vote-form")).to_have_count(0)
    late.request.post(
        f"{live_server.url}/beslut/{motion.pk}/rosta/",
        form={"municipality": str(taby.pk), "choice": "no"},
        headers={"X-CSRFToken": _csrf(late)},
    )
    assert motion.votes.get(municipality=taby).choice == "yes"

    # The project's application may now start: it is the page's next step.
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    start = page.locator(".next-step").get_by_role("button", name="Starta ansökan till")
    expect(start).to_have_count(1)
    problems += audit(page)

    # A measurement, and the follow-up shows the progress with chart and table.
    page.goto(f"{live_server.url}/beslut/overenskommelse/delmal/{subgoal.pk}/")
    page.fill("input[name=measured_on]", timezone.localdate().isoformat())
    page.fill("input[name=value]", "715500")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/beslut/overenskommelse/delmal/{subgoal.pk}/")
    problems += audit(page)
    page.goto(f"{live_server.url}/beslut/overenskommelse/{group.slug}/uppfoljning/")
    expect(page.locator("#followup-table tbody tr")).to_have_count(1)
    expect(page.locator("#followup-table")).to_contain_text("50 %")
    expect(page.locator("figure svg[role=img]")).to_have_count(1)
    problems += audit(page)
    page.goto(f"{live_server.url}/beslut/overenskommelse/{group.slug}/")
    problems += audit(page)
    page.goto(f"{live_server.url}/beslut/styrgrupp/{group.slug}/")
    expect(page.locator("#seats-table")).to_contain_text(deputy.get_full_name())
    problems += audit(page)
    assert not problems, "\n".join(problems)
