"""Who sees, enters and endorses a need: every role of the cast, against Täby's needs."""

import pytest

from navet.needs.models import Need
from navet.needs.permissions import (
    can_edit_need,
    can_endorse,
    can_enter_needs,
    can_view_need,
    can_withdraw_endorsement,
    editable_municipalities,
    endorsing_municipalities,
    needs_for,
)
from navet.organisations.models import Municipality, Role, RoleAssignment
from tests.factories import EndorsementFactory, NeedFactory

pytestmark = pytest.mark.django_db

EVERYONE = [
    "coordinator",
    "steering",
    "contact",
    "solna_contact",
    "viewer",
    "admin",
    "outsider",
    "sodertorn_coordinator",
]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("coordinator", True),
        ("steering", True),  # Sigtuna shares Koordination Norrort with Täby
        ("contact", True),
        ("solna_contact", True),
        ("viewer", True),
        ("admin", True),
        ("outsider", False),
        ("sodertorn_coordinator", False),  # Täby is not in Etablering Södertörn
    ],
)
def test_who_reads_a_shared_need(cast, taby_need, role, sees) -> None:
    user = getattr(cast, role)
    assert bool(can_view_need(user, taby_need)) is sees
    assert (taby_need in needs_for(user)) is sees


@pytest.mark.parametrize("role", EVERYONE)
def test_a_draft_is_the_municipalitys_own_until_shared(cast, taby_draft, role) -> None:
    user = getattr(cast, role)
    sees = role in ("contact", "coordinator")
    assert bool(can_view_need(user, taby_draft)) is sees
    assert (taby_draft in needs_for(user)) is sees


def test_a_hidden_draft_gives_everyone_the_same_reason(cast, taby_draft) -> None:
    draft = can_view_need(cast.viewer, taby_draft).reason
    foreign = can_view_need(cast.sodertorn_coordinator, taby_draft).reason
    assert draft
    assert foreign
    assert draft == foreign  # a coordinator of another consortium learns nothing more


def test_a_contact_sees_its_own_municipalitys_needs_even_outside_every_consortium(cast) -> None:
    stockholm = Municipality.objects.get(code="0180")
    stockholm.memberships.all().delete()
    RoleAssignment.objects.create(user=cast.outsider, role=Role.CONTACT, municipality=stockholm)
    need = NeedFactory(municipality=stockholm, status=Need.Status.DRAFT)
    assert list(needs_for(cast.outsider)) == [need]


def test_a_list_holds_each_need_once_whatever_the_number_of_shared_consortia(cast, taby_need):
    # Täby is in Koordination Norrort and Stockholms län, and the contact reads both.
    assert list(needs_for(cast.contact)) == [taby_need]
    assert list(needs_for(cast.admin)) == [taby_need]


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("coordinator", True),
        ("contact", True),
        ("steering", False),
        ("solna_contact", False),
        ("viewer", False),
        ("admin", False),
        ("outsider", False),
        ("sodertorn_coordinator", False),
    ],
)
def test_who_edits_a_need(cast, taby_need, role, may) -> None:
    decision = can_edit_need(getattr(cast, role), taby_need)
    assert bool(decision) is may
    if not may:
        assert "Täby" in decision.reason


def test_which_municipalities_a_user_enters_needs_for(cast) -> None:
    assert [m.code for m in editable_municipalities(cast.contact)] == ["0160"]
    assert editable_municipalities(cast.coordinator).count() == 15
    assert not editable_municipalities(cast.viewer).exists()
    assert can_enter_needs(cast.coordinator)
    assert not can_enter_needs(cast.steering)
    assert not can_enter_needs(cast.admin)


@pytest.mark.parametrize(
    ("role", "municipality"),
    [
        ("solna_contact", "0184"),
        ("steering", "0191"),  # the steering representative speaks for Sigtuna
        ("contact", None),  # Täby's own need
        ("coordinator", None),  # speaks for no municipality
        ("viewer", None),
        ("admin", None),
        ("outsider", None),
        ("sodertorn_coordinator", None),
    ],
)
def test_who_endorses_a_need(cast, taby_need, role, municipality) -> None:
    user = getattr(cast, role)
    endorsers = [m.code for m in endorsing_municipalities(user, taby_need)]
    assert endorsers == ([municipality] if municipality else [])
    decision = can_endorse(user, taby_need)
    assert bool(decision) is (municipality is not None)
    assert decision.allowed or decision.reason


def test_drafts_and_closed_needs_are_not_endorsed(cast, taby_draft, taby) -> None:
    assert not can_endorse(cast.solna_contact, taby_draft)
    met = NeedFactory(municipality=taby, status=Need.Status.MET)
    assert not can_endorse(cast.solna_contact, met)


def test_who_withdraws_an_endorsement(cast, taby_need, solna) -> None:
    endorsement = EndorsementFactory(need=taby_need, municipality=solna)
    assert can_withdraw_endorsement(cast.solna_contact, endorsement)
    assert can_withdraw_endorsement(cast.coordinator, endorsement)
    assert not can_withdraw_endorsement(cast.contact, endorsement)  # Täby's, not Solna's
    assert not can_withdraw_endorsement(cast.steering, endorsement)
    assert not can_withdraw_endorsement(cast.viewer, endorsement)
