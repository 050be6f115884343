"""A motion in a real browser: the coordinator puts it to the steering group, two
representatives vote (one changes its vote), the coordinator closes the voting once everyone who
may has voted, a late vote is refused, and the result shows each municipality's vote. Every page
passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from navet.decisions.models import Motion
from navet.organisations.models import Consortium, ConsortiumMembership, Role
from tests.a11y.test_axe import audit
from tests.conftest import Cast
from tests.e2e.browser import log_in
from tests.factories import ConsortiumFactory, RoleAssignmentFactory, UserFactory
from tests.matching.test_matches_page import municipality

pytestmark = pytest.mark.browser


def test_a_motion_is_put_voted_on_and_closed(
    page: Page, live_server: LiveServer, cast: Cast, browser
) -> None:
    # A small steering group of two, so that everyone can vote within the test.
    group = ConsortiumFactory(name="Styrgrupp Sigtuna–Täby", slug="styrgrupp-sigtuna-taby")
    sigtuna, taby = municipality("0191"), municipality("0160")
    for member in (sigtuna, taby):
        ConsortiumMembership.objects.create(consortium=group, municipality=member)
    coordinator = UserFactory(username="samordnare.grupp")
    RoleAssignmentFactory(user=coordinator, role=Role.COORDINATOR, consortium=group)
    voters = {}
    for member, username in ((sigtuna, "ledamot.sigtuna"), (taby, "ledamot.taby")):
        voters[member.code] = UserFactory(username=username)
        RoleAssignmentFactory(
            user=voters[member.code], role=Role.STEERING, consortium=group, municipality=member
        )

    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/beslut/nytt/?samverkan={group.slug}")
    problems = audit(page)
    page.fill("input[name=title]", "Ansöka om § 37-medel för språkstöd")
    page.fill("textarea[name=proposal]", "Att söka utlysningen med projektet för båda kommunerna.")
    closes = timezone.localtime() + timedelta(days=7)
    page.fill("input[name=closes_at]", closes.strftime("%Y-%m-%dT%H:%M"))
    page.select_option("select[name=majority]", "two_thirds")
    page.locator("form.form button[type=submit]").click()
    motion = Motion.objects.get(consortium=group)
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    expect(page.locator("main")).to_contain_text(motion.number)
    problems += audit(page)

    for code, first, final in (("0191", "no", "yes"), ("0160", "yes", "yes")):
        voter = browser.new_page()
        log_in(voter, live_server.url, voters[code])
        voter.goto(f"{live_server.url}/beslut/{motion.pk}/")
        voter.locator(f'form.vote-form button[value="{first}"]').click()
        voter.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
        if first != final:  # a vote may change until the voting closes
            voter.locator(f'form.vote-form button[value="{final}"]').click()
            voter.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
        expect(voter.locator(f'form.vote-form button[value="{final}"]')).to_have_attribute(
            "aria-pressed", "true"
        )
        problems += audit(voter)
        if code == "0160":
            late = voter

    page.goto(f"{live_server.url}/beslut/{motion.pk}/")
    page.locator("form[action$='/stang/'] button").click()
    page.wait_for_url(f"{live_server.url}/beslut/{motion.pk}/")
    expect(page.locator(".outcome")).to_be_visible()
    motion.refresh_from_db()
    assert (motion.status, motion.outcome) == ("closed", "passed")
    rows = page.locator("#votes-table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#votes-table")).to_contain_text(voters["0191"].get_full_name())
    problems += audit(page)

    # The other representative's page still shows the old buttons; a vote now is refused.
    late.goto(f"{live_server.url}/beslut/{motion.pk}/")
    expect(late.locator("form.vote-form")).to_have_count(0)
    response = late.request.post(
        f"{live_server.url}/beslut/{motion.pk}/rosta/",
        form={"municipality": str(taby.pk), "choice": "no"},
        headers={"X-CSRFToken": _csrf(late)},
    )
    assert response.ok
    motion.refresh_from_db()
    assert motion.votes.get(municipality=taby).choice == "yes"
    page.goto(f"{live_server.url}/beslut/")
    problems += audit(page)
    assert not problems, "\n".join(problems)
    assert Consortium.objects.filter(slug=group.slug).exists()


def _csrf(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
