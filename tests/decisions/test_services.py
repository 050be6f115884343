"""Motions and votes against the database: the window, representatives and deputies, closing
and its frozen result, reminders, and a refusal for every write."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import Notification
from navet.decisions import services
from navet.decisions.models import Motion, Vote
from navet.decisions.selectors import motion_history, passed_motion_for
from navet.organisations.models import ConsortiumMembership
from tests.factories import MotionFactory, ProjectFactory


def _vote(motion: Motion, municipality) -> Vote:
    return Vote.objects.get(motion=motion, municipality=municipality)


def test_a_motion_gives_every_member_one_vote_and_the_next_number(cast, norrort) -> None:
    closes = timezone.now() + timedelta(days=5)
    first = services.motion_create(
        actor=cast.coordinator, consortium=norrort, title="A", proposal="P", closes_at=closes
    )
    second = services.motion_create(
        actor=cast.coordinator, consortium=norrort, title="B", proposal="P", closes_at=closes
    )
    year = timezone.localtime().year
    assert (first.number, second.number) == (f"{year}/001", f"{year}/002")
    members = ConsortiumMembership.objects.filter(consortium=norrort).count()
    assert first.votes.count() == members == 15
    assert not first.votes.exclude(choice="").exists()


def test_a_registration_number_is_unique_in_the_consortium(cast, norrort) -> None:
    closes = timezone.now() + timedelta(days=5)
    kwargs = {"actor": cast.coordinator, "consortium": norrort, "proposal": "P"}
    services.motion_create(title="A", closes_at=closes, number="KS 2026/12", **kwargs)
    with pytest.raises(DomainError, match="redan upptaget"):
        services.motion_create(title="B", closes_at=closes, number="KS 2026/12", **kwargs)


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "admin", "sodertorn_coordinator"])
def test_only_the_coordinators_put_motions(cast, norrort, who) -> None:
    with pytest.raises(PermissionDenied):
        services.motion_create(
            actor=getattr(cast, who),
            consortium=norrort,
            title="A",
            proposal="P",
            closes_at=timezone.now() + timedelta(days=1),
        )
    assert not Motion.objects.exists()


def test_a_window_that_ends_before_it_opens_is_refused(cast, norrort) -> None:
    with pytest.raises(DomainError, match="stänga efter att den öppnat"):
        services.motion_create(
            actor=cast.coordinator,
            consortium=norrort,
            title="A",
            proposal="P",
            closes_at=timezone.now() - timedelta(days=1),
        )


def test_the_representative_votes_and_changes_the_vote(cast, motion, sigtuna) -> None:
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="no")
    vote = _vote(motion, sigtuna)
    assert (vote.choice, vote.cast_by, vote.cast_as) == ("no", cast.steering, "representative")
    assert motion.votes.exclude(choice="").count() == 1


def test_every_vote_is_audited_with_the_voter(cast, motion, sigtuna) -> None:
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="abstain")
    entries = LogEntry.objects.get_for_object(_vote(motion, sigtuna))
    assert entries.count() == 3  # created with the motion, then two votes
    assert {e.actor for e in entries.filter(action=LogEntry.Action.UPDATE)} == {cast.steering}
    assert len(motion_history(motion)) >= 3


def test_a_deputy_votes_while_the_representative_has_not(cast, motion, sigtuna, deputies) -> None:
    first, second = deputies
    services.vote_cast(actor=first, motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=second, motion=motion, municipality=sigtuna, choice="no")
    vote = _vote(motion, sigtuna)
    assert (vote.choice, vote.cast_by, vote.cast_as) == ("no", second, "deputy")


def test_the_representative_replaces_a_deputys_vote(cast, motion, sigtuna, deputies) -> None:
    services.vote_cast(actor=deputies[0], motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="no")
    vote = _vote(motion, sigtuna)
    assert (vote.choice, vote.cast_by, vote.cast_as) == ("no", cast.steering, "representative")


def test_a_deputy_cannot_change_the_representatives_vote(cast, motion, sigtuna, deputies) -> None:
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    with pytest.raises(DomainError, match="representanten för Sigtuna har redan röstat"):
        services.vote_cast(actor=deputies[0], motion=motion, municipality=sigtuna, choice="no")
    assert _vote(motion, sigtuna).choice == "yes"


@pytest.mark.parametrize("who", ["coordinator", "contact", "viewer", "admin", "outsider"])
def test_only_the_municipalitys_steering_people_vote_for_it(cast, motion, sigtuna, who) -> None:
    with pytest.raises(PermissionDenied):
        services.vote_cast(
            actor=getattr(cast, who), motion=motion, municipality=sigtuna, choice="yes"
        )
    assert _vote(motion, sigtuna).choice == ""


def test_a_representative_cannot_vote_for_another_municipality(cast, motion, taby) -> None:
    with pytest.raises(PermissionDenied, match="Täby"):
        services.vote_cast(actor=cast.steering, motion=motion, municipality=taby, choice="yes")


def test_an_unknown_choice_is_refused(cast, motion, sigtuna) -> None:
    with pytest.raises(DomainError, match="ja, nej eller avstår"):
        services.vote_cast(
            actor=cast.steering, motion=motion, municipality=sigtuna, choice="kanske"
        )


def test_no_votes_before_the_window_opens_or_after_it_closes(cast, norrort, sigtuna) -> None:
    now = timezone.now()
    later = MotionFactory(consortium=norrort, opens_at=now + timedelta(days=1))
    with pytest.raises(services.VotingClosed, match="Röstningen öppnar"):
        services.vote_cast(actor=cast.steering, motion=later, municipality=sigtuna, choice="yes")
    past = MotionFactory(
        consortium=norrort, opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=1)
    )
    with pytest.raises(services.VotingClosed, match="inga röster kan längre lämnas eller ändras"):
        services.vote_cast(actor=cast.steering, motion=past, municipality=sigtuna, choice="yes")


def test_closing_freezes_the_result_and_refuses_later_votes(
    cast, motion, sigtuna, taby, taby_steering
) -> None:
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    services.vote_cast(actor=taby_steering, motion=motion, municipality=taby, choice="yes")
    after = motion.closes_at + timedelta(minutes=1)
    closed = services.motion_close(actor=cast.coordinator, motion=motion, now=after)
    assert closed.status == "closed"
    assert closed.outcome == "no_quorum"  # 2 of 15 voted
    assert closed.result["yes"] == 2
    assert {v["municipality"]: v["choice"] for v in closed.result["votes"]}["0191"] == "yes"
    with pytest.raises(services.VotingClosed, match="inga röster kan längre lämnas eller ändras"):
        services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="no")
    # Closing again changes nothing.
    assert services.motion_close(actor=cast.coordinator, motion=motion).closed_at == after


def test_the_coordinator_closes_early_only_when_everyone_has_voted(cast, norrort) -> None:
    motion = MotionFactory(consortium=norrort)
    with pytest.raises(DomainError, match="alla medlemmar har röstat"):
        services.motion_close(actor=cast.coordinator, motion=motion)
    Vote.objects.filter(motion=motion).update(
        choice="yes", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    closed = services.motion_close(actor=cast.coordinator, motion=motion)
    assert closed.outcome == "passed"


@pytest.mark.parametrize("who", ["steering", "contact", "viewer", "admin", "sodertorn_coordinator"])
def test_only_the_coordinators_close(cast, motion, who) -> None:
    with pytest.raises(PermissionDenied):
        services.motion_close(
            actor=getattr(cast, who), motion=motion, now=motion.closes_at + timedelta(hours=1)
        )
    motion.refresh_from_db()
    assert motion.status == "open"


def test_the_schedule_closes_motions_whose_window_has_passed(cast, norrort) -> None:
    now = timezone.now()
    due = MotionFactory(
        consortium=norrort, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1)
    )
    running = MotionFactory(consortium=norrort)
    assert services.motions_close_due(now) == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert (due.status, due.outcome, running.status) == ("closed", "no_quorum", "open")
    assert services.motions_close_due(now) == 0


def test_a_motion_changes_only_before_the_first_vote(cast, motion, sigtuna) -> None:
    services.motion_update(actor=cast.coordinator, motion=motion, title="Nytt namn")
    services.vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    with pytest.raises(DomainError, match="börjat rösta"):
        services.motion_update(actor=cast.coordinator, motion=motion, majority="two_thirds")
    with pytest.raises(PermissionDenied):
        services.motion_update(actor=cast.steering, motion=motion, title="X")


def test_reminders_go_once_to_those_who_have_not_voted(
    cast, norrort, sigtuna, taby, taby_steering, deputies
) -> None:
    now = timezone.now()
    motion = MotionFactory(consortium=norrort, closes_at=now + timedelta(days=1))
    services.vote_cast(actor=taby_steering, motion=motion, municipality=taby, choice="yes")
    assert services.vote_reminders_send(now) == 3  # Sigtuna's representative and two deputies
    assert services.vote_reminders_send(now) == 0
    reminded = set(Notification.objects.values_list("user__username", flat=True))
    assert reminded == {"styrgrupp.sigtuna", "ersattare1.sigtuna", "ersattare2.sigtuna"}
    far = MotionFactory(consortium=norrort, closes_at=now + timedelta(days=6))
    assert services.vote_reminders_send(now) == 0
    assert far.votes.count() == 15


def test_a_passed_motion_is_what_a_project_can_ask_for(cast, norrort) -> None:
    project = ProjectFactory(
        consortium=norrort, owner=cast.steering.role_assignments.first().municipality
    )
    motion = services.motion_create(
        actor=cast.coordinator,
        consortium=norrort,
        title="Ansök för alla",
        proposal="P",
        project=project,
        closes_at=timezone.now() + timedelta(days=3),
    )
    assert passed_motion_for(project) is None
    Vote.objects.filter(motion=motion).update(
        choice="yes", cast_by=cast.steering, cast_as="representative", cast_at=timezone.now()
    )
    services.motion_close(actor=cast.coordinator, motion=motion)
    assert passed_motion_for(project) == motion
    # the vote is the steering group's decision: the project may now start its application
    project.refresh_from_db()
    assert project.steering_decision_reference == motion.number
    assert project.steering_decision_on == timezone.localdate()


def test_a_failed_motion_records_no_decision_on_its_project(cast, norrort) -> None:
    project = ProjectFactory(consortium=norrort)
    now = timezone.now()
    motion = MotionFactory(
        consortium=norrort,
        project=project,
        opens_at=now - timedelta(days=8),
        closes_at=now - timedelta(hours=1),
    )
    services.motions_close_due(now)  # nobody voted: no quorum
    motion.refresh_from_db()
    project.refresh_from_db()
    assert motion.outcome == "no_quorum"
    assert project.steering_decision_reference == ""


def test_a_project_of_another_consortium_is_refused(cast, norrort) -> None:
    other = ProjectFactory()
    with pytest.raises(DomainError, match="annan samverkan"):
        services.motion_create(
            actor=cast.coordinator,
            consortium=norrort,
            title="A",
            proposal="P",
            project=other,
            closes_at=timezone.now() + timedelta(days=3),
        )
