"""The sources of calls through the API: coordinators and administrators change and remove them
with the service's rules; everyone else is refused and nothing changes."""

from navet.calls.models import Source
from navet.core.tokens import api_token_create


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def _source() -> Source:
    return Source.objects.create(
        name="Länsstyrelsen", format="rss", url="https://example.org/flode.xml", schedule="daily"
    )


def test_a_coordinator_changes_and_removes_a_source(client, cast, calls) -> None:
    source = _source()
    url = f"/api/v1/sources/{source.pk}"
    changed = client.patch(
        url,
        {"schedule": "weekly", "active": False, "funder": "lansstyrelsen-stockholm"},
        content_type="application/json",
        **bearer(cast.coordinator),
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["schedule"], changed.json()["active"]) == ("weekly", False)
    source.refresh_from_db()
    assert (source.name, source.schedule, source.customised) == ("Länsstyrelsen", "weekly", True)
    assert source.default_funder is not None
    emptied = client.patch(
        url, {"name": None}, content_type="application/json", **bearer(cast.coordinator)
    )
    assert emptied.status_code == 400
    assert client.delete(url, **bearer(cast.admin)).status_code == 204
    assert not Source.objects.filter(pk=source.pk).exists()
    assert client.delete(url, **bearer(cast.admin)).status_code == 404


def test_others_may_not_change_or_remove_a_source(client, cast, calls) -> None:
    source = _source()
    url = f"/api/v1/sources/{source.pk}"
    for user in (cast.contact, cast.viewer, cast.steering, cast.outsider):
        patched = client.patch(
            url, {"schedule": "weekly"}, content_type="application/json", **bearer(user)
        )
        assert patched.status_code == 403, user.username
        assert client.delete(url, **bearer(user)).status_code == 403
    source.refresh_from_db()
    assert source.schedule == "daily"
