"""The steering group's seats: coordinators and administrators name a member's representative
and deputies (others are refused), the page shows them per municipality in few queries."""

import pytest
from django.test import Client

from navet.core.errors import DomainError, PermissionDenied
from navet.decisions.models import Deputy
from navet.decisions.services import steering as services
from navet.organisations.models import Municipality, Role, RoleAssignment
from navet.organisations.permissions import permissions_for
from tests.factories import UserFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_coordinator_names_a_deputy_who_may_then_vote(cast, norrort, taby) -> None:
    person = UserFactory(username="ersattare.taby")
    seat = services.steering_seat_add(
        actor=cast.coordinator, consortium=norrort, municipality=taby, user=person, deputy=True
    )
    assert Deputy.objects.filter(assignment=seat).exists()
    assert (norrort.pk, taby.pk) in permissions_for(person).steering_for
    with pytest.raises(DomainError):
        services.steering_seat_add(
            actor=cast.coordinator, consortium=norrort, municipality=taby, user=person, deputy=False
        )
    services.steering_seat_remove(actor=cast.admin, assignment=seat)
    assert not Deputy.objects.exists()


def test_only_members_get_seats(cast, norrort) -> None:
    with pytest.raises(DomainError, match="Nacka"):
        services.steering_seat_add(
            actor=cast.coordinator,
            consortium=norrort,
            municipality=Municipality.objects.get(code="0182"),
            user=UserFactory(),
            deputy=False,
        )


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "sodertorn"])
def test_others_may_not_name_or_remove_seats(cast, norrort, taby, role) -> None:
    actor = {
        "steering": cast.steering,
        "contact": cast.contact,
        "viewer": cast.viewer,
        "sodertorn": cast.sodertorn_coordinator,
    }[role]
    with pytest.raises(PermissionDenied):
        services.steering_seat_add(
            actor=actor, consortium=norrort, municipality=taby, user=UserFactory(), deputy=True
        )
    seat = RoleAssignment.objects.get(user=cast.steering, role=Role.STEERING)
    with pytest.raises(PermissionDenied):
        services.steering_seat_remove(actor=actor, assignment=seat)
    assert RoleAssignment.objects.filter(pk=seat.pk).exists()


def test_the_page_lists_every_member_and_refuses_writes_to_readers(
    cast, norrort, taby, django_assert_max_num_queries
) -> None:
    viewer = client_for(cast.viewer)
    url = f"/beslut/styrgrupp/{norrort.slug}/"
    viewer.get(url)
    with django_assert_max_num_queries(10):
        response = viewer.get(url)
    body = response.content.decode()
    assert body.count('<th scope="row">') == 15
    assert cast.steering.get_full_name() in body
    person = UserFactory()
    refused = viewer.post(url, {"municipality": taby.pk, "user": person.pk, "deputy": "deputy"})
    assert refused.status_code == 403
    seat = RoleAssignment.objects.get(user=cast.steering, role=Role.STEERING)
    assert viewer.post(f"{url}{seat.pk}/ta-bort/").status_code == 403
    assert client_for(cast.sodertorn_coordinator).get(url).status_code == 404


def test_the_coordinator_names_and_removes_through_the_page(cast, norrort, taby) -> None:
    client = client_for(cast.coordinator)
    url = f"/beslut/styrgrupp/{norrort.slug}/"
    response = client.post(
        url, {"municipality": taby.pk, "user": cast.contact.pk, "deputy": "deputy"}
    )
    assert response.status_code == 302
    seat = RoleAssignment.objects.get(user=cast.contact, role=Role.STEERING)
    assert hasattr(seat, "deputy")
    assert client.post(f"{url}{seat.pk}/ta-bort/").status_code == 302
    assert not RoleAssignment.objects.filter(pk=seat.pk).exists()
