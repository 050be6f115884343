"""The whole way from a joint project to its application, in a real browser and without the
admin: the coordinator takes the project to the steering group from its page, the motion is
written from the project, both members' representatives vote yes, the coordinator closes the
voting, the passed motion records the steering decision, and the project's page then lets the
application start. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application
from navet.decisions.models import Motion
from navet.organisations.models import ConsortiumMembership, Role
from navet.projects.models import NeedsAnalysisItem, Project
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in, new_page
from tests.factories import (
    CallFactory,
    ConsortiumFactory,
    NeedsAnalysisItemFactory,
    ProjectFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser


def test_a_joint_project_goes_by_vote_to_its_application(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast
) -> None:
    group = ConsortiumFactory(name="Samverkan Sigtuna–Täby", slug="samverkan-sigtuna-taby")
    sigtuna, taby = municipality("0191"), municipality("0160")
    for member in (sigtuna, taby):
        ConsortiumMembership.objects.create(consortium=group, municipality=member)
    coordinator = UserFactory(username="samordnare.sigtuna-taby")
    RoleAssignmentFactory(user=coordinator, role=Role.COORDINATOR, consortium=group)
    representatives = [UserFactory(username=f"ledamot.{m.code}") for m in (sigtuna, taby)]
    for user, member in zip(representatives, (sigtuna, taby), strict=True):
        RoleAssignmentFactory(user=user, role=Role.STEERING, consortium=group, municipality=member)
    call = CallFactory(
        title="Språkstöd i vardagen 2027", closes=timezone.now() + timedelta(days=60)
    )
    project = ProjectFactory(
        consortium=group,
        owner=taby,
        participants=[sigtuna],
        title="Språkcaféer i Sigtuna och Täby",
        scope=Project.Scope.CONSORTIUM,
        status=Project.Status.DECISION,
        call=call,
        requested_sek=900_000,
    )
    for kind in NeedsAnalysisItem.Kind.values:
        NeedsAnalysisItemFactory(project=project, kind=kind)

    # From the project's page to the steering group: the motion is written from the project.
    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/projekt/{project.pk}/")
    problems = audit(page)
    expect(page.get_by_role("button", name="Starta ansökan till")).to_have_count(0)
    page.get_by_role("link", name="Ta upp i styrgruppen").click()
    expect(page.locator("input[name=title]")).to_have_value(f"Ansöka om medel: {project.title}")
    problems += audit(page)
    closes = timezone.localtime() + timedelta(days=7)
    page.fill("input[name=closes_at]", closes.strftime("%Y-%m-%dT%H:%M"))
    page.locator("form.form button[type=submit]").click()
    motion = Motion.objects.get(consortium=group)
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    assert motion.project == project

    # Each member's representative votes yes.
    for representative in representatives:
        voter = new_page(browser)
        log_in(voter, live_server.url, representative)
        voter.goto(f"{live_server.url}/beslut/{motion.pk}/")
        voter.locator('form.vote-form button[value="yes"]').click()
        voter.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
        expect(voter.locator('form.vote-form button[value="yes"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        voter.context.close()

    # Everyone has voted, so the coordinator may close; the passed motion is the decision.
    page.reload()
    page.get_by_role("button", name="Stäng röstningen").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    expect(page.locator(".outcome")).to_be_visible()
    motion.refresh_from_db()
    assert motion.outcome == Motion.Outcome.PASSED
    project.refresh_from_db()
    assert project.steering_decision_reference == motion.number
    problems += audit(page)

    # Back on the project's page the application may start, and it does.
    page.get_by_role("link", name=project.title).first.click()
    page.wait_for_url(f"{live_server.url}/projekt/{project.pk}/")
    expect(page.locator("main")).to_contain_text(motion.number)
    page.get_by_role("button", name=f"Starta ansökan till {call.title}").click()
    application = Application.objects.get(project=project)
    page.wait_for_url(f"{live_server.url}/ansokningar/{application.pk}/**")
    project.refresh_from_db()
    assert project.status == Project.Status.APPLICATION
    problems += audit(page)
    assert not problems, "\n".join(problems)
