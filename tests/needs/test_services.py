"""Every write to needs: what it stores, what the audit trail records, and who is refused."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction

from navet.core.errors import DomainError, PermissionDenied
from navet.needs.models import Endorsement, Need
from navet.needs.selectors import need_history
from navet.needs.services import (
    need_create,
    need_endorse,
    need_endorsement_withdraw,
    need_set_status,
    need_update,
)
from navet.organisations.models import Role, RoleAssignment
from navet.organisations.permissions import forget_permissions
from tests.factories import EndorsementFactory, NeedFactory

pytestmark = pytest.mark.django_db

REFUSED_FOR_TABY = ["steering", "solna_contact", "viewer", "admin", "outsider"]


def test_a_contact_enters_a_need_for_its_municipality(cast, taby) -> None:
    need = need_create(
        actor=cast.contact,
        municipality=taby,
        title="Fler språkvänner",
        description="Vi behöver fler språkvänner för nyanlända vuxna.",
        themes=["sprak", "flyktingguider-natverk"],
        target_groups=["nyanlanda-ersattningsforordningen"],
        priority=Need.Priority.HIGH,
        raised_in=Need.RaisedIn.WORKSHOP,
        cofinancing_capacity_percent=Decimal("25"),
        estimated_cost_sek=400_000,
    )
    need.refresh_from_db()
    assert need.external_id == "n-0160-001"
    assert need.status == Need.Status.OPEN
    assert need.created_by == cast.contact
    assert sorted(need.themes.values_list("slug", flat=True)) == ["flyktingguider-natverk", "sprak"]
    entry = LogEntry.objects.get_for_object(need).get(action=LogEntry.Action.CREATE)
    assert entry.actor == cast.contact


def test_numbers_of_new_needs_follow_the_municipalitys_highest(cast, taby) -> None:
    NeedFactory(municipality=taby, external_id="n-0160-007")
    NeedFactory(municipality=taby, external_id="n-0160-x")
    need = need_create(actor=cast.coordinator, municipality=taby, title="Nästa")
    assert need.external_id == "n-0160-008"


def test_a_coordinator_enters_a_need_for_any_member_municipality(cast, sigtuna) -> None:
    need = need_create(actor=cast.coordinator, municipality=sigtuna, title="Sigtunas behov")
    assert need.municipality == sigtuna


@pytest.mark.parametrize("role", [*REFUSED_FOR_TABY, "sodertorn_coordinator"])
def test_others_may_not_enter_taby_needs(cast, taby, role) -> None:
    with pytest.raises(PermissionDenied, match="Täby"):
        need_create(actor=getattr(cast, role), municipality=taby, title="Inte ert behov")
    assert not Need.objects.exists()


def test_unknown_themes_are_refused_and_nothing_is_stored(cast, taby) -> None:
    with pytest.raises(DomainError, match="okant-tema"):
        need_create(actor=cast.contact, municipality=taby, title="T", themes=["okant-tema"])
    assert not Need.objects.exists()


def test_a_percentage_above_100_is_refused_with_a_message(cast, taby) -> None:
    with pytest.raises(DomainError) as error:
        need_create(
            actor=cast.contact,
            municipality=taby,
            title="T",
            cofinancing_capacity_percent=Decimal(120),
        )
    assert "100" in error.value.message
    assert not Need.objects.exists()


def test_a_need_is_updated_and_its_history_names_the_actor(cast, taby_need) -> None:
    need_update(
        actor=cast.contact,
        need=taby_need,
        title="Språkstöd i förskola och fritids",
        themes=["sprak"],
    )
    taby_need.refresh_from_db()
    assert taby_need.title == "Språkstöd i förskola och fritids"
    assert list(taby_need.themes.values_list("slug", flat=True)) == ["sprak"]
    change = LogEntry.objects.get_for_object(taby_need).filter(action=LogEntry.Action.UPDATE)
    assert change.filter(actor=cast.contact).exists()


def test_themes_left_out_of_an_update_are_kept(cast, taby_need) -> None:
    need_update(actor=cast.contact, need=taby_need, themes=["sprak"])
    need_update(actor=cast.contact, need=taby_need, title="Ny titel")
    assert list(taby_need.themes.values_list("slug", flat=True)) == ["sprak"]


@pytest.mark.parametrize("role", [*REFUSED_FOR_TABY, "sodertorn_coordinator"])
def test_others_may_not_update_taby_needs(cast, taby_need, role) -> None:
    with pytest.raises(PermissionDenied):
        need_update(actor=getattr(cast, role), need=taby_need, title="Kapad")
    taby_need.refresh_from_db()
    assert taby_need.title == "Språkstöd i förskolan"


def test_a_need_moves_only_between_municipalities_the_actor_edits_for(
    cast, taby_need, solna
) -> None:
    with pytest.raises(PermissionDenied, match="Solna"):
        need_update(actor=cast.contact, need=taby_need, municipality=solna)
    need_update(actor=cast.coordinator, need=taby_need, municipality=solna)
    taby_need.refresh_from_db()
    assert taby_need.municipality == solna


def test_a_form_that_already_changed_the_municipality_cannot_skip_the_check(
    cast, taby_need, solna
) -> None:
    # A model form copies what was typed onto the instance before the service runs.
    taby_need.municipality = solna
    with pytest.raises(PermissionDenied):
        need_update(actor=cast.solna_contact, need=taby_need, municipality=solna)
    assert Need.objects.get(pk=taby_need.pk).municipality.code == "0160"


def test_status_changes_and_who_may_make_them(cast, taby_draft) -> None:
    need_set_status(actor=cast.contact, need=taby_draft, status=Need.Status.OPEN)
    assert Need.objects.get(pk=taby_draft.pk).status == Need.Status.OPEN
    for role in REFUSED_FOR_TABY:
        with pytest.raises(PermissionDenied):
            need_set_status(actor=getattr(cast, role), need=taby_draft, status=Need.Status.MET)
    assert Need.objects.get(pk=taby_draft.pk).status == Need.Status.OPEN


def test_an_endorsed_need_cannot_become_a_draft_again(cast, taby_need, solna) -> None:
    EndorsementFactory(need=taby_need, municipality=solna)
    with pytest.raises(DomainError):
        need_set_status(actor=cast.contact, need=taby_need, status=Need.Status.DRAFT)
    assert Need.objects.get(pk=taby_need.pk).status == Need.Status.OPEN


def test_an_unknown_status_is_refused(cast, taby_need) -> None:
    with pytest.raises(DomainError):
        need_set_status(actor=cast.contact, need=taby_need, status="forgotten")


def test_another_municipality_endorses_once(cast, taby_need, solna) -> None:
    endorsement = need_endorse(
        actor=cast.solna_contact, need=taby_need, comment="  Samma sak hos oss.  "
    )
    assert endorsement.municipality == solna
    assert endorsement.comment == "Samma sak hos oss."
    assert endorsement.created_by == cast.solna_contact
    entry = LogEntry.objects.get_for_object(endorsement).get()
    assert entry.actor == cast.solna_contact
    with pytest.raises(DomainError, match="Solna"):
        need_endorse(actor=cast.solna_contact, need=taby_need)
    assert Endorsement.objects.count() == 1


def test_the_database_keeps_one_endorsement_per_municipality(taby_need, solna) -> None:
    EndorsementFactory(need=taby_need, municipality=solna)
    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(need=taby_need, municipality=solna)


def test_a_steering_representative_endorses_for_its_municipality(cast, taby_need, sigtuna):
    endorsement = need_endorse(actor=cast.steering, need=taby_need)
    assert endorsement.municipality == sigtuna


@pytest.mark.parametrize(
    "role", ["contact", "coordinator", "viewer", "admin", "outsider", "sodertorn_coordinator"]
)
def test_who_may_not_endorse(cast, taby_need, role) -> None:
    with pytest.raises(PermissionDenied):
        need_endorse(actor=getattr(cast, role), need=taby_need)
    assert not Endorsement.objects.exists()


def test_a_municipality_cannot_endorse_for_another(cast, taby_need, sigtuna) -> None:
    with pytest.raises(PermissionDenied):
        need_endorse(actor=cast.solna_contact, need=taby_need, municipality=sigtuna)


def test_a_draft_cannot_be_endorsed(cast, taby_draft) -> None:
    with pytest.raises(PermissionDenied):
        need_endorse(actor=cast.solna_contact, need=taby_draft)


def test_an_endorsement_is_withdrawn_by_its_municipality(cast, taby_need, solna) -> None:
    endorsement = need_endorse(actor=cast.solna_contact, need=taby_need)
    for role in ["contact", "steering", "viewer", "outsider"]:
        with pytest.raises(PermissionDenied):
            need_endorsement_withdraw(actor=getattr(cast, role), endorsement=endorsement)
    need_endorsement_withdraw(actor=cast.solna_contact, endorsement=endorsement)
    assert not Endorsement.objects.exists()
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE).get()
    assert deleted.actor == cast.solna_contact


def test_the_history_of_a_need_shows_endorsements_given_and_withdrawn(cast, taby_need) -> None:
    endorsement = need_endorse(actor=cast.solna_contact, need=taby_need, comment="Även här")
    need_endorsement_withdraw(actor=cast.solna_contact, endorsement=endorsement)
    rows = need_history(taby_need)
    assert [row.who for row in rows[:2]] == [str(cast.solna_contact)] * 2
    assert any(new == "Solna" for row in rows for _, _, new in row.changes)


def test_a_user_who_speaks_for_two_municipalities_chooses_one(cast, taby_need, sigtuna) -> None:
    RoleAssignment.objects.create(user=cast.solna_contact, role=Role.CONTACT, municipality=sigtuna)
    forget_permissions(cast.solna_contact)
    with pytest.raises(DomainError):
        need_endorse(actor=cast.solna_contact, need=taby_need)
    endorsement = need_endorse(actor=cast.solna_contact, need=taby_need, municipality=sigtuna)
    assert endorsement.municipality == sigtuna
