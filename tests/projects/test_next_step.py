"""A project's next step: the pure rule for every status, and the panel at the top of the
project's page – its one button, the blockers in Swedish, the reason for a user who may not act,
and the moves left below it."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from navet.projects import lifecycle
from navet.projects.lifecycle import Action, Facts, NextStep, Refusal, Scope, next_step
from navet.projects.models import Project
from tests.factories import CallFactory, MotionFactory, ProjectFactory
from tests.projects.conftest import complete_needs_analysis

TODAY = date(2026, 12, 7)
READY = {
    "has_call": True,
    "steering_decision_reference": "§ 12",
    "steering_decision_on": date(2026, 11, 20),
    "requested_sek": 1_000_000,
    "granted_sek": 800_000,
    "starts_on": date(2026, 1, 1),
    "ends_on": date(2027, 12, 31),
}

# Every status with everything in place: the move forward and its button.
READY_STEPS = {
    lifecycle.IDEA: NextStep(lifecycle.NEEDS_ANALYSIS, (), Action.MOVE),
    lifecycle.NEEDS_ANALYSIS: NextStep(lifecycle.DECISION, (), Action.MOVE),
    lifecycle.DECISION: NextStep(lifecycle.APPLICATION, (), Action.APPLICATION),
    lifecycle.APPLICATION: NextStep(lifecycle.SUBMITTED, (), Action.MOVE),
    lifecycle.SUBMITTED: NextStep(lifecycle.GRANTED, (), Action.MOVE),
    lifecycle.GRANTED: NextStep(lifecycle.RUNNING, (), Action.MOVE),
    lifecycle.REFUSED: NextStep(lifecycle.IDEA, (), Action.MOVE),
    lifecycle.RUNNING: NextStep(None, (), Action.FOLLOW_UP),
    lifecycle.FINISHED: NextStep(lifecycle.FINAL_REPORT_APPROVED, (), Action.MOVE),
    lifecycle.FINAL_REPORT_APPROVED: NextStep(None),
    lifecycle.REPAYMENT: NextStep(lifecycle.FINAL_REPORT_APPROVED, (), Action.MOVE),
    lifecycle.WITHDRAWN: NextStep(None),
}

# Every status with nothing filled in: what blocks the move forward, and where it is put right.
BARE_STEPS = {
    lifecycle.IDEA: NextStep(lifecycle.NEEDS_ANALYSIS, (), Action.MOVE),
    lifecycle.NEEDS_ANALYSIS: NextStep(
        lifecycle.DECISION, (Refusal.NEEDS_ANALYSIS_OPEN,), Action.NEEDS_ANALYSIS
    ),
    lifecycle.DECISION: NextStep(
        lifecycle.APPLICATION, (Refusal.NO_CALL, Refusal.STEERING_DECISION), Action.PROJECT_FORM
    ),
    lifecycle.APPLICATION: NextStep(
        lifecycle.SUBMITTED,
        (Refusal.NO_CALL, Refusal.NO_REQUESTED_AMOUNT, Refusal.CONFIRMATIONS_MISSING),
        Action.PROJECT_FORM,
    ),
    lifecycle.SUBMITTED: NextStep(
        lifecycle.GRANTED, (Refusal.NO_GRANTED_AMOUNT,), Action.PROJECT_FORM
    ),
    lifecycle.GRANTED: NextStep(lifecycle.RUNNING, (Refusal.NO_PERIOD,), Action.PROJECT_FORM),
    lifecycle.REFUSED: NextStep(lifecycle.IDEA, (), Action.MOVE),
    lifecycle.RUNNING: NextStep(None, (), Action.FOLLOW_UP),
    lifecycle.FINISHED: NextStep(lifecycle.FINAL_REPORT_APPROVED, (), Action.MOVE),
    lifecycle.FINAL_REPORT_APPROVED: NextStep(None),
    lifecycle.REPAYMENT: NextStep(lifecycle.FINAL_REPORT_APPROVED, (), Action.MOVE),
    lifecycle.WITHDRAWN: NextStep(None),
}


def test_the_tables_cover_every_status() -> None:
    assert set(READY_STEPS) == set(BARE_STEPS) == set(lifecycle.STATUSES)


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_a_ready_project_is_offered_its_move_forward(status: str) -> None:
    facts = Facts(status=status, scope=Scope.CONSORTIUM, **READY)
    assert next_step(facts, TODAY) == READY_STEPS[status]


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_a_bare_project_is_told_what_blocks_it_and_where_to_put_it_right(status: str) -> None:
    facts = Facts(
        status=status,
        scope=Scope.CONSORTIUM,
        needs_analysis_open=2,
        confirmations_missing=1,
    )
    assert next_step(facts, TODAY) == BARE_STEPS[status]


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_the_move_forward_is_always_a_move_of_the_table(status: str) -> None:
    step = next_step(Facts(status=status, **READY), date(2030, 1, 1))
    assert step.target is None or step.target in lifecycle.next_statuses(status)


def test_the_steering_group_is_asked_only_for_a_project_of_the_whole_consortium() -> None:
    joint = Facts(status=lifecycle.DECISION, scope=Scope.CONSORTIUM, has_call=True)
    assert next_step(joint, TODAY) == NextStep(
        lifecycle.APPLICATION, (Refusal.STEERING_DECISION,), Action.STEERING
    )
    group = Facts(status=lifecycle.DECISION, scope=Scope.GROUP, has_call=True)
    assert next_step(group, TODAY) == NextStep(lifecycle.APPLICATION, (), Action.APPLICATION)


def test_the_step_asks_for_the_rules_of_the_move_itself() -> None:
    """The same refusals as the move: one place for each rule."""
    for status in lifecycle.STATUSES:
        facts = Facts(status=status, needs=0, scope=Scope.CONSORTIUM)
        step = next_step(facts, TODAY)
        if step.target is not None:
            assert step.blockers == lifecycle.refusals(facts, step.target)


def test_a_closed_call_blocks_the_start_of_the_application_but_not_its_submission() -> None:
    closed = {**READY, "call_closes_on": TODAY - timedelta(days=1)}
    deciding = next_step(Facts(status=lifecycle.DECISION, **closed), TODAY)
    assert deciding == NextStep(lifecycle.APPLICATION, (Refusal.CALL_CLOSED,), Action.PROJECT_FORM)
    # Sent in on the last day and recorded the day after: still marked as submitted.
    writing = next_step(Facts(status=lifecycle.APPLICATION, **closed), TODAY)
    assert writing == NextStep(lifecycle.SUBMITTED, (), Action.MOVE)
    closing_today = {**READY, "call_closes_on": TODAY}
    assert (
        next_step(Facts(status=lifecycle.DECISION, **closing_today), TODAY).action == "application"
    )


def test_a_running_project_is_followed_up_until_its_end_and_then_finished() -> None:
    running = Facts(status=lifecycle.RUNNING, **READY)
    assert next_step(running, date(2027, 12, 31)) == NextStep(None, (), Action.FOLLOW_UP)
    assert next_step(running, date(2028, 1, 1)) == NextStep(lifecycle.FINISHED, (), Action.MOVE)


def test_every_remedy_is_named() -> None:
    blocking = set(Refusal) - {Refusal.NOT_A_MOVE}
    assert set(lifecycle.REMEDY) == blocking


# --- the panel on the project's page ----------------------------------------------------------


def _panel(user, project: Project) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/projekt/{project.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    return text[text.index('class="next-step"') : text.index("</section>", text.index("next-step"))]


@pytest.mark.django_db
def test_the_coordinator_gets_the_move_as_the_panels_button_and_not_again_below(cast, idea):
    client = Client()
    client.force_login(cast.coordinator)
    text = client.get(f"/projekt/{idea.pk}/").content.decode()
    panel = _panel(cast.coordinator, idea)
    assert "Påbörja behovsanalysen" in panel
    assert 'name="to" value="needs_analysis"' in panel
    assert text.count('name="to" value="needs_analysis"') == 1
    assert 'name="to" value="withdrawn"' in text  # the other moves stay below


@pytest.mark.django_db
def test_the_panel_names_what_blocks_the_decision_and_opens_the_checklist(cast, idea):
    idea.status = Project.Status.NEEDS_ANALYSIS
    idea.save()
    complete_needs_analysis(idea, leave=2)
    panel = _panel(cast.contact, idea)  # Täby's contact, who may tick the checklist
    assert "Gå vidare till beslut" in panel
    assert "Gör klart behovsanalysen först" in panel
    assert f'href="/projekt/{idea.pk}/behovsanalys/"' in panel
    assert 'name="to"' not in panel


@pytest.mark.django_db
def test_a_user_who_may_not_move_is_told_why_instead_of_a_button(cast, idea):
    complete_needs_analysis(idea)
    idea.status = Project.Status.NEEDS_ANALYSIS
    idea.save()
    panel = _panel(cast.contact, idea)
    assert "Gå vidare till beslut" in panel
    assert "Bara samverkans samordnare flyttar ett projekt förbi behovsanalysen." in panel
    assert "<button" not in panel
    viewer = _panel(cast.viewer, idea)
    assert "<button" not in viewer


@pytest.mark.django_db
def test_a_viewer_is_not_sent_to_tick_the_checklist(cast, idea):
    idea.status = Project.Status.NEEDS_ANALYSIS
    idea.save()
    panel = _panel(cast.viewer, idea)
    assert "Gör klart behovsanalysen först" in panel
    assert "behovsanalys/" not in panel
    assert "Bara Täbys egna kontaktpersoner" in panel


@pytest.mark.django_db
def test_a_joint_project_is_led_to_the_steering_group(cast, norrort, taby, taby_need):
    project = ProjectFactory(
        consortium=norrort,
        owner=taby,
        needs=[taby_need],
        participants=list(norrort.members.all()),
        scope=Project.Scope.CONSORTIUM,
        status=Project.Status.DECISION,
        call=CallFactory(),
    )
    panel = _panel(cast.coordinator, project)
    assert "Starta ansökan" in panel
    assert "styrgruppens beslut" in panel
    assert f'href="/beslut/nytt/?projekt={project.pk}"' in panel
    assert "Ta upp i styrgruppen" in panel
    # Once a motion is out to vote, the step names it instead of offering a second one.
    motion = MotionFactory(consortium=norrort, project=project, title="Ansöka om medel")
    panel = _panel(cast.coordinator, project)
    assert f"Beslutsärendet {motion.number} är ute på omröstning" in panel
    assert "/beslut/nytt/" not in panel
    # The owner's contact reads what blocks it, and that the step is the coordinators'.
    contact = _panel(cast.contact, project)
    assert "styrgruppens beslut" in contact
    assert "Bara samverkans samordnare" in contact
    assert "/beslut/" not in contact


@pytest.mark.django_db
def test_a_closed_call_is_named_with_its_date_and_the_form_offered(cast, group):
    group.status = Project.Status.DECISION
    group.call = CallFactory(closes=timezone.now() - timedelta(days=3))
    group.save()
    panel = _panel(cast.coordinator, group)
    closed = timezone.localdate(group.call.closes).isoformat()
    assert f"Utlysningen stängde {closed}" in panel
    assert f'href="/projekt/{group.pk}/andra/"' in panel


@pytest.mark.django_db
def test_the_missing_forms_lead_to_the_cooperation_forms(cast, group):
    panel = _panel(cast.coordinator, group)
    assert "Markera som inskickad" in panel
    assert "samverkansblankett" in panel
    assert f'href="/projekt/{group.pk}/samverkansintyg/"' in panel


@pytest.mark.django_db
def test_a_running_project_leads_to_its_follow_up(cast, group):
    group.status = Project.Status.RUNNING
    group.granted_sek = 1_000_000
    group.starts_on = timezone.localdate() - timedelta(days=30)
    group.ends_on = timezone.localdate() + timedelta(days=300)
    group.save()
    panel = _panel(cast.contact, group)
    assert "Följ upp budgeten" in panel
    assert f'href="/projekt/{group.pk}/uppfoljning/#alerts-heading"' in panel


@pytest.mark.django_db
def test_a_withdrawn_project_has_reached_its_end(cast, idea):
    idea.status = Project.Status.WITHDRAWN
    idea.save()
    panel = _panel(cast.coordinator, idea)
    assert "Projektet har nått sin sista status." in panel
    assert "button" not in panel


@pytest.mark.django_db
def test_the_page_has_a_section_menu_whose_links_reach_its_headings(cast, idea):
    client = Client()
    client.force_login(cast.viewer)
    text = client.get(f"/projekt/{idea.pk}/").content.decode()
    menu = text[text.index('class="page-menu"') : text.index("</nav>", text.index("page-menu"))]
    anchors = [part.split('"', 1)[0] for part in menu.split('href="#')[1:]]
    assert len(anchors) >= 7
    for anchor in anchors:
        assert f'id="{anchor}"' in text
