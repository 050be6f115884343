"""The steering group's seats through the API: read by everyone who sees the consortium, named
and removed by its coordinators, with the service's rules (one ordinary representative per
member, deputies apart)."""

from navet.core.tokens import api_token_create
from navet.organisations.models import Role, RoleAssignment


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def url(norrort) -> str:
    return f"/api/v1/consortia/{norrort.slug}/steering"


def seat(user: str, code: str, *, deputy: bool = False) -> dict:
    return {"municipality": code, "user": user, "deputy": deputy}


def test_a_coordinator_names_and_removes_seats(client, cast, norrort) -> None:
    headers = bearer(cast.coordinator)
    named = client.post(
        url(norrort), seat("kontakt.taby", "0160"), content_type="application/json", **headers
    )
    assert named.status_code == 201, named.content
    second = client.post(
        url(norrort), seat("politiker", "0160"), content_type="application/json", **headers
    )
    assert second.status_code == 400  # one ordinary representative per member
    deputy = client.post(
        url(norrort),
        seat("politiker", "0160", deputy=True),
        content_type="application/json",
        **headers,
    )
    assert deputy.status_code == 201, deputy.content
    rows = {
        row["municipality"]: row for row in client.get(url(norrort), **bearer(cast.viewer)).json()
    }
    assert [s["username"] for s in rows["0160"]["representatives"]] == ["kontakt.taby"]
    assert [s["username"] for s in rows["0160"]["deputies"]] == ["politiker"]
    assert [s["username"] for s in rows["0191"]["representatives"]] == ["styrgrupp.sigtuna"]
    removed = client.delete(f"{url(norrort)}/{named.json()['id']}", **headers)
    assert removed.status_code == 204
    assert not RoleAssignment.objects.filter(user=cast.contact, role=Role.STEERING).exists()


def test_nobody_else_names_or_removes_seats(client, cast, norrort) -> None:
    sigtuna_seat = RoleAssignment.objects.get(user=cast.steering, role=Role.STEERING)
    for user, status in [
        (cast.viewer, 403),
        (cast.steering, 403),
        (cast.contact, 403),
        (cast.sodertorn_coordinator, 404),
        (cast.outsider, 404),
    ]:
        added = client.post(
            url(norrort),
            seat("kontakt.taby", "0160"),
            content_type="application/json",
            **bearer(user),
        )
        assert added.status_code == status, (user.username, added.content)
        removed = client.delete(f"{url(norrort)}/{sigtuna_seat.pk}", **bearer(user))
        assert removed.status_code == status, (user.username, removed.content)
    assert RoleAssignment.objects.filter(role=Role.STEERING, consortium=norrort).count() == 1


def test_only_people_of_the_consortium_can_be_named(client, cast, norrort) -> None:
    refused = client.post(
        url(norrort),
        seat("samordnare.sodertorn", "0160"),
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    coordinator = client.post(
        url(norrort),
        seat("samordnare", "0160"),
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert coordinator.status_code == 400  # a coordinator holds no seat in his consortium
