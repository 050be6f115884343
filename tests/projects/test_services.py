"""The writes: creating an idea, changing it, moving it along its lifecycle, recording the
steering group's decision; each refused for those who may not, and each in the audit trail."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from navet.core.errors import DomainError, PermissionDenied
from navet.organisations.models import Municipality
from navet.projects.models import Project
from navet.projects.services import (
    TransitionRefused,
    project_create,
    project_move,
    project_steering_decision_from_motion,
    project_update,
)
from tests.factories import CallFactory, NeedFactory, ProjectFactory
from tests.projects.conftest import complete_needs_analysis

pytestmark = pytest.mark.django_db


def _create(actor, norrort, owner, needs, **kwargs) -> Project:
    return project_create(
        actor=actor, consortium=norrort, title="Språkstöd", owner=owner, needs=needs, **kwargs
    )


def test_a_contact_starts_an_idea_for_its_municipality(cast, norrort, taby, sigtuna, taby_need):
    call = CallFactory()
    project = _create(cast.contact, norrort, taby, [taby_need], participants=[sigtuna], call=call)
    assert project.status == Project.Status.IDEA
    assert set(project.participants.all()) == {taby, sigtuna}
    assert list(project.needs.all()) == [taby_need]
    assert project.call == call
    assert project.scope == Project.Scope.GROUP
    assert list(project.contacts.all()) == [cast.contact]
    entry = LogEntry.objects.get_for_object(project).first()
    assert entry.actor == cast.contact


def test_the_scope_follows_the_participants_unless_chosen(cast, norrort, taby, taby_need):
    alone = _create(cast.contact, norrort, taby, [taby_need])
    assert alone.scope == Project.Scope.MUNICIPALITY
    everyone = _create(
        cast.coordinator, norrort, taby, [taby_need], participants=norrort.members.all()
    )
    assert everyone.scope == Project.Scope.CONSORTIUM
    with pytest.raises(DomainError):
        _create(cast.contact, norrort, taby, [taby_need], scope="group")


@pytest.mark.parametrize(
    "who", ["steering", "viewer", "admin", "outsider", "solna_contact", "sodertorn_coordinator"]
)
def test_others_may_not_start_an_idea_for_taby(cast, norrort, taby, taby_need, who):
    with pytest.raises(PermissionDenied):
        _create(getattr(cast, who), norrort, taby, [taby_need])
    assert not Project.objects.exists()


def test_an_idea_answers_at_least_one_need_of_the_consortiums_members(cast, norrort, taby, county):
    with pytest.raises(DomainError):
        _create(cast.coordinator, norrort, taby, [])
    huddinge_need = NeedFactory(municipality=Municipality.objects.get(code="0126"))
    with pytest.raises(DomainError):
        _create(cast.coordinator, norrort, taby, [huddinge_need])


def test_a_participant_outside_the_consortium_is_refused(cast, norrort, taby, taby_need):
    huddinge = Municipality.objects.get(code="0126")
    with pytest.raises(DomainError, match="Huddinge"):
        _create(cast.coordinator, norrort, taby, [taby_need], participants=[huddinge])


def test_a_draft_of_another_municipality_cannot_be_answered(cast, norrort, taby, solna):
    draft = NeedFactory(municipality=solna, status="draft")
    with pytest.raises(DomainError):
        _create(cast.contact, norrort, taby, [draft])


def test_the_owners_contact_edits_the_idea_and_others_may_not(cast, idea, sigtuna):
    project_update(
        actor=cast.contact, project=idea, title="Språkstöd i förskolan", participants=[sigtuna]
    )
    idea.refresh_from_db()
    assert idea.title == "Språkstöd i förskolan"
    for who in ("solna_contact", "steering", "viewer", "admin", "outsider"):
        with pytest.raises(PermissionDenied):
            project_update(actor=getattr(cast, who), project=idea, title="Annat")
    idea.refresh_from_db()
    assert idea.title == "Språkstöd i förskolan"


def test_past_the_needs_analysis_only_coordinators_edit(cast, idea):
    idea.status = Project.Status.DECISION
    idea.save()
    with pytest.raises(PermissionDenied):
        project_update(actor=cast.contact, project=idea, title="Annat")
    project_update(actor=cast.coordinator, project=idea, requested_sek=1_250_000)
    idea.refresh_from_db()
    assert idea.requested_sek == 1_250_000


def test_an_end_before_the_start_is_refused(cast, idea):
    with pytest.raises(DomainError):
        project_update(
            actor=cast.contact, project=idea, starts_on=date(2027, 1, 1), ends_on=date(2026, 1, 1)
        )


def test_the_contact_moves_an_idea_to_needs_analysis_and_back_but_not_further(cast, idea):
    project_move(actor=cast.contact, project=idea, to="needs_analysis")
    project_move(actor=cast.contact, project=idea, to="idea")
    project_move(actor=cast.contact, project=idea, to="needs_analysis")
    with pytest.raises(PermissionDenied):
        project_move(actor=cast.contact, project=idea, to="decision")
    idea.refresh_from_db()
    assert idea.status == "needs_analysis"
    entries = [
        e
        for e in LogEntry.objects.get_for_object(idea)
        if e.action == LogEntry.Action.UPDATE and "status" in e.changes_dict
    ]
    assert len(entries) == 3
    assert {e.actor for e in entries} == {cast.contact}


@pytest.mark.parametrize(
    "who", ["steering", "viewer", "admin", "outsider", "solna_contact", "sodertorn_coordinator"]
)
def test_others_may_not_move_a_project(cast, idea, who):
    with pytest.raises(PermissionDenied):
        project_move(actor=getattr(cast, who), project=idea, to="needs_analysis")
    idea.refresh_from_db()
    assert idea.status == "idea"


def test_the_coordinator_moves_along_the_lifecycle_with_its_rules(cast, idea):
    project_move(actor=cast.coordinator, project=idea, to="needs_analysis")
    complete_needs_analysis(idea)
    project_move(actor=cast.coordinator, project=idea, to="decision")
    with pytest.raises(TransitionRefused, match="utlysning|call"):
        project_move(actor=cast.coordinator, project=idea, to="application")
    with pytest.raises(TransitionRefused):
        project_move(actor=cast.coordinator, project=idea, to="granted")  # not a move
    with pytest.raises(TransitionRefused):
        project_move(actor=cast.coordinator, project=idea, to="no-such-status")
    idea.call = CallFactory()
    idea.save()
    project_move(actor=cast.coordinator, project=idea, to="application")
    assert Project.objects.get(pk=idea.pk).status == "application"


def test_a_whole_consortium_project_needs_the_steering_groups_decision(cast, norrort, idea):
    project_update(
        actor=cast.coordinator,
        project=idea,
        participants=list(norrort.members.all()),
        call=CallFactory(),
    )
    idea.refresh_from_db()
    assert idea.scope == Project.Scope.CONSORTIUM
    idea.status = Project.Status.DECISION
    idea.save()
    with pytest.raises(TransitionRefused):
        project_move(actor=cast.coordinator, project=idea, to="application")
    # A passed motion about the project records the decision (decisions.services.motion_close).
    project_steering_decision_from_motion(
        actor=None, project=idea, reference="2026/004", decided_on=date(2026, 11, 20)
    )
    project_move(actor=cast.coordinator, project=idea, to="application")
    assert Project.objects.get(pk=idea.pk).status == "application"


def test_factory_projects_are_consistent(cast, norrort):
    project = ProjectFactory(consortium=norrort)
    assert project.owner in project.participants.all()
    assert project.needs.get().municipality == project.owner
