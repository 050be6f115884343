"""The one access layer: fetching a consortium by its slug, and the role predicates."""

import pytest
from django.http import Http404

from navet.organisations.models import Consortium
from navet.organisations.permissions import permissions_for
from navet.organisations.selectors import consortium_chosen, consortium_for

pytestmark = pytest.mark.django_db


def test_a_consortium_is_fetched_for_whoever_may_see_it(cast) -> None:
    assert consortium_for(cast.viewer, "koordination-norrort").name == "Koordination Norrort"
    assert consortium_for(cast.admin, "etablering-sodertorn").slug == "etablering-sodertorn"


@pytest.mark.parametrize("slug", ["etablering-sodertorn", "no-such-consortium", ""])
def test_missing_and_forbidden_answer_alike(cast, slug) -> None:
    with pytest.raises(Http404):
        consortium_for(cast.viewer, slug)


def test_missing_and_forbidden_carry_the_same_message(cast) -> None:
    messages = set()
    for slug in ("etablering-sodertorn", "no-such-consortium"):
        with pytest.raises(Http404) as error:
            consortium_for(cast.viewer, slug)
        messages.add(str(error.value))
    assert len(messages) == 1


def test_a_page_shows_the_consortium_asked_for_or_the_first(cast) -> None:
    assert consortium_chosen(cast.contact, "stockholms-lan").slug == "stockholms-lan"
    assert consortium_chosen(cast.contact, "").slug == "koordination-norrort"
    assert consortium_chosen(cast.outsider, "") is None
    with pytest.raises(Http404):
        consortium_chosen(cast.contact, "etablering-sodertorn")


def test_one_predicate_per_role(cast) -> None:
    norrort = Consortium.objects.get(slug="koordination-norrort")
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    coordinator = permissions_for(cast.coordinator)
    assert coordinator.coordinates(norrort.pk)
    assert not coordinator.coordinates(sodertorn.pk)
    assert coordinator.coordinated_ids() == {norrort.pk}
    steering = permissions_for(cast.steering)
    sigtuna = norrort.members.get(code="0191")
    assert steering.holds_seat(norrort.pk, sigtuna.pk)
    assert steering.seats_in(norrort.pk) == [sigtuna.pk]
    assert not steering.coordinates(norrort.pk)
    contact = permissions_for(cast.contact)
    assert contact.is_contact_of(norrort.members.get(code="0160").pk)
    assert not contact.is_contact_of(sigtuna.pk)


def test_an_administrator_reads_everything_but_coordinates_nothing(cast) -> None:
    admin = permissions_for(cast.admin)
    assert admin.is_admin
    assert admin.visible_consortium_ids() is None
    assert not admin.coordinates_any()
    assert not admin.coordinates(Consortium.objects.get(slug="koordination-norrort").pk)
