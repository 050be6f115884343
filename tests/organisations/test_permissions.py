import pytest
from django.contrib.auth.models import AnonymousUser

from navet.organisations.models import Consortium, Municipality
from navet.organisations.permissions import permissions_for

pytestmark = pytest.mark.django_db


def _consortium(slug: str) -> Consortium:
    return Consortium.objects.get(slug=slug)


@pytest.mark.parametrize("role", ["coordinator", "steering", "viewer"])
def test_consortium_roles_see_their_consortium_only(cast, role) -> None:
    permissions = permissions_for(getattr(cast, role))
    assert permissions.can_view_consortium(_consortium("koordination-norrort"))
    decision = permissions.can_view_consortium(_consortium("etablering-sodertorn"))
    assert not decision
    assert decision.reason


def test_a_contact_reads_every_consortium_of_its_municipality(cast) -> None:
    permissions = permissions_for(cast.contact)  # Täby: Norrort and the whole county
    assert permissions.can_view_consortium(_consortium("koordination-norrort"))
    assert permissions.can_view_consortium(_consortium("stockholms-lan"))
    assert not permissions.can_view_consortium(_consortium("etablering-sodertorn"))


def test_a_contact_edits_only_its_own_municipality(cast) -> None:
    permissions = permissions_for(cast.contact)
    assert permissions.can_edit_for_municipality(Municipality.objects.get(code="0160"))
    decision = permissions.can_edit_for_municipality(Municipality.objects.get(code="0184"))
    assert not decision
    assert "Solna" in decision.reason


@pytest.mark.parametrize("role", ["coordinator", "steering", "viewer", "admin", "outsider"])
def test_no_one_but_the_contact_edits_for_a_municipality(cast, role) -> None:
    assert not permissions_for(getattr(cast, role)).can_edit_for_municipality(
        Municipality.objects.get(code="0160")
    )


def test_admins_see_every_consortium_and_manage_organisations(cast) -> None:
    permissions = permissions_for(cast.admin)
    assert permissions.visible_consortium_ids() is None
    assert permissions.can_view_consortium(_consortium("etablering-sodertorn"))
    assert permissions.can_manage_organisations()


def test_deny_by_default(cast) -> None:
    for user in (cast.outsider, AnonymousUser()):
        permissions = permissions_for(user)
        assert permissions.visible_consortium_ids() == set()
        assert not permissions.can_manage_organisations()
        assert not permissions.can_view_consortium(_consortium("koordination-norrort"))
    assert not permissions_for(AnonymousUser()).can_view_organisations()


def test_an_inactive_user_may_do_nothing(cast) -> None:
    cast.admin.is_active = False
    assert not permissions_for(cast.admin).can_manage_organisations()


def test_steering_representative_speaks_for_its_municipality(cast) -> None:
    norrort = _consortium("koordination-norrort")
    sigtuna = Municipality.objects.get(code="0191")
    assert permissions_for(cast.steering).steering_for == {(norrort.pk, sigtuna.pk)}


def test_roles_are_resolved_once_per_user_object(cast, django_assert_num_queries) -> None:
    with django_assert_num_queries(2):
        permissions_for(cast.contact)
        permissions_for(cast.contact)
