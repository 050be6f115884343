"""The steering group's seats cannot be used to decide a motion alone (finding 3 of issue 21):
a coordinator holds no seat in the consortium he coordinates, a member has one ordinary
representative (deputies apart), every seat change is audited and told to the municipality's
contacts, and a motion's frozen result records who voted for whom."""

import pytest
from auditlog.models import LogEntry

from navet.core.errors import DomainError, PermissionDenied
from navet.core.models import Notification
from navet.decisions.services import motion_close, vote_cast
from navet.decisions.services import steering as seats
from navet.organisations.models import Consortium, Role, RoleAssignment
from navet.organisations.services import role_assign
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_cannot_name_himself_to_a_seat(cast, norrort, taby) -> None:
    with pytest.raises(DomainError, match="Koordination Norrort"):
        seats.steering_seat_add(
            actor=cast.coordinator,
            consortium=norrort,
            municipality=taby,
            user=cast.coordinator,
            deputy=True,
        )
    assert not RoleAssignment.objects.filter(user=cast.coordinator, role=Role.STEERING).exists()


def test_a_seat_holder_cannot_become_the_coordinator(cast, norrort) -> None:
    with pytest.raises(DomainError, match="Koordination Norrort"):
        role_assign(actor=cast.admin, user=cast.steering, role=Role.COORDINATOR, consortium=norrort)
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    role_assign(actor=cast.admin, user=cast.steering, role=Role.COORDINATOR, consortium=sodertorn)


def test_seats_are_not_given_on_the_roles_page(cast, norrort, taby) -> None:
    with pytest.raises(DomainError):
        role_assign(
            actor=cast.admin,
            user=UserFactory(),
            role=Role.STEERING,
            consortium=norrort,
            municipality=taby,
        )


def test_one_ordinary_representative_per_member_deputies_apart(cast, norrort, sigtuna) -> None:
    # `cast.steering` is Sigtuna's ordinary representative.
    with pytest.raises(DomainError, match="Sigtuna"):
        seats.steering_seat_add(
            actor=cast.admin,
            consortium=norrort,
            municipality=sigtuna,
            user=UserFactory(),
            deputy=False,
        )
    for _ in range(2):
        seats.steering_seat_add(
            actor=cast.coordinator,
            consortium=norrort,
            municipality=sigtuna,
            user=UserFactory(),
            deputy=True,
        )
    ordinary = RoleAssignment.objects.filter(
        role=Role.STEERING, municipality=sigtuna, deputy__isnull=True
    )
    assert ordinary.count() == 1


def test_a_seat_change_is_audited_and_told_to_the_contacts(cast, norrort, taby) -> None:
    person = UserFactory(first_name="Nora", last_name="Ny")
    seat = seats.steering_seat_add(
        actor=cast.coordinator, consortium=norrort, municipality=taby, user=person, deputy=False
    )
    entry = LogEntry.objects.get_for_object(seat).get()
    assert entry.actor == cast.coordinator
    told = Notification.objects.get(user=cast.contact)
    assert "Nora Ny" in told.title
    assert "Täby" in told.title
    assert told.url == f"/beslut/styrgrupp/{norrort.slug}/"
    assert not Notification.objects.filter(user=cast.solna_contact).exists()
    seat_pk = seat.pk
    seats.steering_seat_remove(actor=cast.coordinator, assignment=seat)
    assert Notification.objects.filter(user=cast.contact).count() == 2
    entries = LogEntry.objects.get_for_model(RoleAssignment).filter(object_pk=str(seat_pk))
    assert entries.count() == 2


def test_a_coordinator_with_an_old_seat_cannot_vote(cast, norrort, taby, motion) -> None:
    # A seat given before the rule, straight in the database.
    RoleAssignmentFactory(
        user=cast.coordinator, role=Role.STEERING, consortium=norrort, municipality=taby
    )
    with pytest.raises(PermissionDenied):
        vote_cast(actor=cast.coordinator, motion=motion, municipality=taby, choice="yes")


def test_the_result_records_who_voted_for_whom(cast, norrort, sigtuna, motion) -> None:
    vote_cast(actor=cast.steering, motion=motion, municipality=sigtuna, choice="yes")
    closed = motion_close(actor=cast.coordinator, motion=motion, now=motion.closes_at)
    votes = {v["municipality"]: v for v in closed.result["votes"]}
    assert votes["0191"]["cast_by_id"] == cast.steering.pk
    assert votes["0191"]["cast_by"] == cast.steering.get_full_name()
    assert votes["0191"]["cast_as"] == "representative"
    assert votes["0160"]["cast_by_id"] is None
