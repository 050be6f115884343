"""axe-core and a heading check on every page each role reaches, logged out and as administrator.

A page fails on any axe violation of impact "serious" or "critical" against WCAG 2.1 A/AA and
axe's best practices, on anything but exactly one h1, and on a heading level that skips one.
Each test logs in once and walks its pages in that one context (the live server's database is
emptied after every test, so a login cannot outlive one); problems are gathered per page so one
run shows them all.
"""

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from navet.applications.models import Application
from navet.decisions.models import SubGoal
from navet.demo.content import demo_seed
from navet.followup.demo import feasibility_study_seed
from navet.followup.services import budget_set
from navet.needs.models import Need
from navet.projects.models import Project
from tests.conftest import Cast
from tests.e2e.browser import LOGIN_FORM, LOGIN_PATH, log_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = (
    "async () => await axe.run(document, {runOnly: {type: 'tag', values:"
    " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
)
BLOCKING_IMPACTS = {"serious", "critical"}
HEADING_LEVELS = (
    "() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'),"
    " heading => Number(heading.tagName[1]))"
)
ROLES = ["coordinator", "steering", "contact", "viewer", "admin"]
# One level below the main navigation: a consortium's, a municipality's, a call's and a need's
# page.
DETAIL_PAGES = [
    re.compile(r"^/samverkan/(?!ny/)[^/]+/$"),
    re.compile(r"^/kommuner/(?!ny/)[^/]+/$"),
    re.compile(r"^/utlysningar/\d+/$"),
    re.compile(r"^/behov/\d+/$"),
]


def audit(page: Page) -> list[str]:
    """The problems on the page now shown in `page`, each prefixed with its path."""
    where = urlsplit(page.url).path
    # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline code.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(AXE_RUN)
    problems = [
        f"{where}: axe {violation['impact']} {violation['id']}: {violation['help']} -> "
        + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    levels = page.evaluate(HEADING_LEVELS)
    if levels.count(1) != 1:
        problems.append(f"{where}: {levels.count(1)} h1 elements, expected exactly one")
    previous = 0
    for level in levels:
        if level > previous + 1:
            after = f"h{previous}" if previous else "the start of the page"
            problems.append(f"{where}: h{level} follows {after}, skipping a level")
        previous = level
    return problems


def visit(page: Page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    return audit(page)


def hrefs(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_accessible(
    page: Page, live_server: LiveServer, cast: Cast, calls: None, needs: None, role: str
) -> None:
    log_in(page, live_server.url, cast.by_role()[role])
    navigation = hrefs(page, "nav.main-nav a")
    assert {"/", "/utlysningar/", "/behov/", "/samverkan/", "/kommuner/"} <= set(navigation)
    navigation += ["/utlysningar/?state=all", "/finansiarer/", "/kalender/?visa=manad"]

    problems: list[str] = []
    deeper: list[str] = []
    for path in navigation:
        problems += visit(page, live_server.url + path)
        links = hrefs(page, "main a[href]")
        for pattern in DETAIL_PAGES:
            first = next((href for href in links if pattern.match(href)), None)
            if first is not None and first not in deeper:
                deeper.append(first)
    assert all(any(p.match(path) for path in deeper) for p in DETAIL_PAGES), deeper
    for path in deeper:
        problems += visit(page, live_server.url + path)

    assert not problems, "\n".join(problems)


def test_the_login_page_is_accessible_also_after_a_failed_login(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    problems = visit(page, live_server.url + LOGIN_PATH)
    form = page.locator(LOGIN_FORM)
    form.locator("input[name=username]").fill(cast.viewer.username)
    form.locator("input[name=password]").fill("fel-lösenord")
    form.locator("button[type=submit]").click()
    page.locator("[role=alert]").wait_for()
    problems += audit(page)

    assert not problems, "\n".join(problems)


def test_the_administrators_forms_are_accessible_also_with_errors(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.admin)
    forms = [
        "/samverkan/ny/",
        "/samverkan/koordination-norrort/andra/",
        "/kommuner/ny/",
        "/utlysningar/importera/",
        "/kallor/",
        "/kommuner/0160/andra/",
        "/anvandare/",
        f"/anvandare/{cast.contact.pk}/",
    ]
    problems: list[str] = []
    for path in forms:
        problems += visit(page, live_server.url + path)

    # An empty new consortium shows the field errors.
    page.goto(live_server.url + "/samverkan/ny/")
    page.locator("main form button[type=submit]").click()
    page.locator("main .errorlist").first.wait_for()
    problems += audit(page)

    assert not problems, "\n".join(problems)


def test_the_needs_forms_are_accessible_also_with_errors(
    page: Page, live_server: LiveServer, cast: Cast, needs: None
) -> None:
    need = Need.objects.get(external_id="demo-n-0191-101")  # Sigtuna's, not yet Täby's
    taby_need = Need.objects.get(external_id="demo-n-0160-101")
    log_in(page, live_server.url, cast.contact)
    problems: list[str] = []
    for path in [
        "/behov/ny/",
        f"/behov/{taby_need.pk}/andra/",
        "/behov/importera/",
        f"/behov/{taby_need.pk}/",  # the status form and the reason Täby cannot endorse it
        f"/behov/{need.pk}/",  # the endorse form
        "/behov/?status=draft&sort=priority",
    ]:
        problems += visit(page, live_server.url + path)

    # An empty new need shows the field errors.
    page.goto(live_server.url + "/behov/ny/")
    page.locator("main form button[type=submit]").click()
    page.locator("main .errorlist").first.wait_for()
    problems += audit(page)

    # After endorsing, the page says so where the form was.
    page.goto(live_server.url + f"/behov/{need.pk}/")
    page.locator("form.endorse button[type=submit]").click()
    page.wait_for_url(live_server.url + f"/behov/{need.pk}/")
    problems += audit(page)

    assert not problems, "\n".join(problems)


def test_the_application_pages_are_accessible_to_writers_and_readers(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    """The demo's application in progress, as Täby's contact (forms) and as a viewer (read)."""
    demo_seed()
    application = Application.objects.get(
        project__title="HBTQI+-kompetens i mottagandet av nyanlända"
    )
    base = f"/ansokningar/{application.pk}/"
    paths = [
        f"/projekt/{application.project_id}/ansokningar/",
        base,
        f"{base}avsnitt/purpose/",
        f"{base}avsnitt/risks/",
        f"{base}avsnitt/purpose/versioner/",
    ]
    problems: list[str] = []
    for user in (cast.contact, cast.viewer):  # the demo's kontakt.taby and politiker
        page.context.clear_cookies()
        log_in(page, live_server.url, user)
        for path in paths:
            problems += visit(page, live_server.url + path)
    assert not problems, "\n".join(problems)


def test_the_decision_room_pages_are_accessible(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    """The demo's agreements, follow-up, steering group, meetings and the forms, as the
    coordinator (forms, with errors) and as a viewer (read)."""
    demo_seed()
    subgoal = SubGoal.objects.filter(goal__agreement__consortium__slug="koordination-norrort")[0]
    project = Project.objects.filter(consortium__slug="koordination-norrort").first()
    assert project is not None
    read = [
        "/beslut/overenskommelse/koordination-norrort/",
        "/beslut/overenskommelse/koordination-norrort/uppfoljning/",
        f"/beslut/overenskommelse/delmal/{subgoal.pk}/",
        "/beslut/styrgrupp/koordination-norrort/",
        f"/beslut/projekt/{project.pk}/namnder/",
    ]
    forms = [
        "/beslut/overenskommelse/koordination-norrort/andra/",
        "/beslut/overenskommelse/koordination-norrort/atgard/nytt/",
        f"/beslut/overenskommelse/mal/{subgoal.goal_id}/delmal/nytt/",
        f"/beslut/projekt/{project.pk}/namndbeslut/{project.owner_id}/",
    ]
    problems: list[str] = []
    log_in(page, live_server.url, cast.coordinator)
    for path in read + forms:
        problems += visit(page, live_server.url + path)
    page.goto(live_server.url + forms[2])
    page.locator("main form button[type=submit]").click()
    page.locator("main .errorlist").first.wait_for()
    problems += audit(page)
    page.context.clear_cookies()
    log_in(page, live_server.url, cast.viewer)
    for path in read:
        problems += visit(page, live_server.url + path)
    assert not problems, "\n".join(problems)


def test_the_follow_up_pages_are_accessible_also_with_errors(
    page: Page, live_server: LiveServer, cast: Cast, calls: None
) -> None:
    """The feasibility study as the coordinator (every form) and as a viewer (read only): the
    budget, a line's plan, the follow-up with its chart and warnings over time, the ledger
    import; and the budget form and the import with errors."""
    study = feasibility_study_seed(cast.coordinator)
    assert study is not None
    line = study.budget_lines.first()
    assert line is not None
    budget = f"/projekt/{study.pk}/budget/"
    followup = f"/projekt/{study.pk}/uppfoljning/"
    running = ProjectFactory(
        consortium=study.consortium,
        owner=study.owner,
        status="running",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        granted_sek=500_000,
    )
    budget_set(
        actor=cast.coordinator,
        project=running,
        municipality=None,
        amounts={("staff", 2026): 300_000, ("staff", 2027): 200_000},
    )
    portfolio = f"/uppfoljning/{study.consortium.slug}/"
    problems: list[str] = []
    log_in(page, live_server.url, cast.coordinator)
    for path in (budget, f"{budget}{line.pk}/plan/", followup, f"{followup}import/", portfolio):
        problems += visit(page, live_server.url + path)
    page.goto(live_server.url + budget)
    page.fill("#id_staff-2023", "tusen")
    page.locator("form.form button[type=submit]").click()
    problems += audit(page)
    page.goto(live_server.url + f"{followup}import/")
    page.locator("form.form button[type=submit]").click()
    problems += audit(page)
    page.context.clear_cookies()
    log_in(page, live_server.url, cast.viewer)
    for path in (budget, followup):
        problems += visit(page, live_server.url + path)
    assert not problems, "\n".join(problems)


def test_the_personal_data_pages_are_accessible_also_with_errors(
    page: Page, live_server: LiveServer, cast: Cast
) -> None:
    log_in(page, live_server.url, cast.contact)
    page.get_by_role("link", name="Mina personuppgifter").click()
    problems = audit(page)
    page.get_by_role("button", name="Be administratörerna ta bort mina uppgifter").click()
    page.locator(".messages").wait_for()
    problems += audit(page)

    page.context.clear_cookies()
    log_in(page, live_server.url, cast.admin)
    problems += visit(page, live_server.url + "/personuppgifter/")
    user_page = f"{live_server.url}/personuppgifter/anvandare/{cast.contact.pk}/"
    problems += visit(page, user_page)
    page.get_by_label("Skriv användarnamnet för att bekräfta").fill("någon annan")
    page.get_by_role("button", name="Ta bort användaren").click()
    page.locator("main .errorlist").first.wait_for()
    problems += audit(page)

    assert not problems, "\n".join(problems)
