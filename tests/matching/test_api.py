"""The matching API: a need's suggestions and the coordinator's good matches, with the rules of
the pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from navet.core.text import gettext_lazy
from navet.core.tokens import api_token_create
from navet.matching.models import Match, MatchesVisit, Refresh, reason_json
from navet.matching.services import matches_refresh
from navet.needs.models import Need
from tests.factories import CallFactory, EndorsementFactory, NeedFactory
from tests.matching.test_matches_page import matched, municipality, setting  # noqa: F401

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def digital(cast) -> Need:
    """Sigtuna's need, endorsed by Täby, with a call that fits it and one that fits less."""
    CallFactory(external_id="digital", title="Digitala färdigheter och e-tjänster för nyanlända")
    CallFactory(external_id="housing", title="Bostad och bosättning för nyanlända")
    need = NeedFactory(
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända",
        description="Många klarar inte e-tjänster och BankID.",
    )
    EndorsementFactory(need=need, municipality=municipality("0160"))
    return need


def suggestions(client, user, need: Need, query: str = ""):
    return client.get(f"/api/v1/needs/{need.pk}/suggestions{query}", **bearer(user))


# --- GET /needs/{id}/suggestions ---------------------------------------------------------------


def test_a_never_ranked_need_is_ranked_for_the_answer_and_nothing_is_stored(
    client, cast, digital
) -> None:
    response = suggestions(client, cast.viewer, digital)
    assert response.status_code == 200
    body = response.json()
    assert body["need"] == digital.pk
    first = body["suggestions"][0]
    assert first["call"]["external_id"] == "digital"
    assert first["rank"] == 1
    assert 0 < first["score"] <= 1
    assert first["call"]["days_left"] in (29, 30)
    assert "tema: digital inkludering" in first["reasons"]
    assert body["partners"][0]["municipality"] == "0160"
    assert "har också detta behov" in body["partners"][0]["reasons"]
    assert not Match.objects.exists()
    assert not Refresh.objects.exists()


def test_fresh_stored_suggestions_are_answered_as_stored(client, cast, digital) -> None:
    matches_refresh()
    Match.objects.filter(call__external_id="digital").update(
        reasons=[reason_json(gettext_lazy("theme: {theme}", theme="lagrat"))]
    )
    body = suggestions(client, cast.coordinator, digital, "?limit=1").json()
    assert [s["call"]["external_id"] for s in body["suggestions"]] == ["digital"]
    assert body["suggestions"][0]["reasons"] == ["tema: lagrat"]


def test_the_limit_is_bounded(client, cast, digital) -> None:
    assert suggestions(client, cast.viewer, digital, "?limit=0").status_code == 422
    assert suggestions(client, cast.viewer, digital, "?limit=21").status_code == 422


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("steering", 200),
        ("viewer", 200),
        ("contact", 200),
        ("solna_contact", 200),
        ("admin", 200),
        ("outsider", 404),
        ("sodertorn_coordinator", 404),
    ],
)
def test_the_suggestions_of_a_need_follow_who_may_see_it(client, cast, digital, role, status):
    response = suggestions(client, getattr(cast, role), digital)
    assert response.status_code == status
    if status == 404:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("contact", 200),  # Täby's own
        ("solna_contact", 404),  # another municipality's draft
        ("steering", 404),
        ("viewer", 404),
        ("admin", 404),
    ],
)
def test_a_draft_s_suggestions_are_its_municipality_s_own(client, cast, role, status) -> None:
    draft = NeedFactory(municipality=municipality("0160"), status=Need.Status.DRAFT)
    assert suggestions(client, getattr(cast, role), draft).status_code == status


def test_another_municipality_s_draft_suggests_no_partner(client, cast, digital) -> None:
    for status in (Need.Status.DRAFT, Need.Status.OPEN):
        NeedFactory(
            municipality=municipality("0184"),
            title="Digitalt utanförskap bland nyanlända i Solna",
            description="E-tjänster och BankID är svåra för många.",
            status=status,
        )
        partners = suggestions(client, cast.coordinator, digital).json()["partners"]
        solna = [p for p in partners if p["municipality"] == "0184"]
        assert bool(solna) == (status == Need.Status.OPEN)
        Need.objects.filter(municipality__code="0184").delete()


def test_an_unknown_need_is_not_found(client, cast) -> None:
    assert client.get("/api/v1/needs/999999/suggestions", **bearer(cast.admin)).status_code == 404


# --- GET /matches ------------------------------------------------------------------------------


def test_the_good_matches_of_the_first_consortium(client, cast, setting) -> None:  # noqa: F811
    body = client.get("/api/v1/matches", **bearer(cast.coordinator)).json()["items"]
    assert sorted(m["need"]["title"] for m in body) == [
        "Bostäder i Sigtuna",
        "Läxhjälp i Täby",
        "Täbys utkast",
    ]
    first = body[0]
    assert set(first) == {
        "need",
        "call",
        "score",
        "label",
        "rank",
        "reasons",
        "first_seen_at",
        "new",
    }
    assert first["new"] is True  # never marked as seen
    assert first["need"]["municipality"] in {"0160", "0191"}
    assert first["call"]["days_left"] >= 29


def test_new_since_the_marker_or_a_given_time(client, cast, setting) -> None:  # noqa: F811
    norrort = setting["taby"].municipality.consortia.get(slug="koordination-norrort")
    MatchesVisit.objects.create(
        user=cast.coordinator, consortium=norrort, seen_at=timezone.now() - timedelta(hours=1)
    )
    fresh = matched(setting["taby"], ago=timedelta(minutes=5))
    headers = bearer(cast.coordinator)
    body = client.get("/api/v1/matches", **headers).json()["items"]
    assert [m["call"]["id"] for m in body if m["new"]] == [fresh.call_id]
    assert len(body) == 4
    only_new = client.get("/api/v1/matches?new=true", **headers).json()["items"]
    assert [m["call"]["id"] for m in only_new] == [fresh.call_id]
    since = (timezone.now() - timedelta(days=2)).isoformat()
    body = client.get("/api/v1/matches", {"since": since, "new": "true"}, **headers).json()["items"]
    assert len(body) == 4
    # A time without a zone is Stockholm time; times at the edge of the calendar are fine.
    for edge in ["2025-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]:
        response = client.get("/api/v1/matches", {"since": edge}, **headers)
        assert response.status_code == 200, response.content
    assert client.get("/api/v1/matches?since=nonsens", **headers).status_code == 422
    # Reading marks nothing.
    assert MatchesVisit.objects.get().seen_at < fresh.first_seen_at


def test_a_consortium_by_its_short_name(client, cast, setting) -> None:  # noqa: F811
    body = client.get("/api/v1/matches?consortium=stockholms-lan", **bearer(cast.contact)).json()[
        "items"
    ]
    assert "Språk i Huddinge" in [m["need"]["title"] for m in body]
    response = client.get(
        "/api/v1/matches?consortium=koordination-norrort", **bearer(cast.sodertorn_coordinator)
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_user_without_a_role_gets_no_matches(client, cast, setting) -> None:  # noqa: F811
    assert client.get("/api/v1/matches", **bearer(cast.outsider)).json()["items"] == []
    response = client.get(
        "/api/v1/matches?consortium=koordination-norrort", **bearer(cast.outsider)
    )
    assert response.status_code == 404
    assert client.get("/api/v1/matches").status_code == 401


def test_the_matches_list_uses_a_bounded_number_of_queries(client, cast, setting) -> None:  # noqa: F811
    headers = bearer(cast.viewer)
    client.get("/api/v1/matches", **headers)
    with CaptureQueriesContext(connection) as before:
        client.get("/api/v1/matches", **headers)
    for code in ["0114", "0115", "0117", "0123", "0125"]:
        need = NeedFactory(municipality=municipality(code))
        for rank in range(1, 4):
            matched(need, rank=rank)
    with CaptureQueriesContext(connection) as after:
        body = client.get("/api/v1/matches", **headers).json()["items"]
    assert len(body) == 2 + 15
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
