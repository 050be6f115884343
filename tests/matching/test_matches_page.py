"""The coordinator's matches page: good matches of a consortium's needs, new since the last
visit first, marked as seen by a POST."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from navet.core.text import gettext_lazy, ngettext_lazy
from navet.matching.models import Dismissal, Match, MatchesVisit, reason_json
from navet.matching.selectors import GOOD_RANK, GOOD_SCORE
from navet.needs.models import Need
from navet.organisations.models import Municipality
from tests.factories import CallFactory, NeedFactory

pytestmark = pytest.mark.django_db

URL = "/matchningar/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def matched(need, call=None, *, score=0.5, rank=1, ago=timedelta(days=1)) -> Match:
    """A stored match first suggested `ago` before now."""
    match = Match.objects.create(
        need=need,
        call=call or CallFactory(),
        score=score,
        rank=rank,
        reasons=[reason_json(gettext_lazy("theme: {theme}", theme="språk"))],
    )
    Match.objects.filter(pk=match.pk).update(first_seen_at=timezone.now() - ago)
    match.refresh_from_db()
    return match


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


@pytest.fixture
def setting(cast) -> dict[str, Need]:
    """A good match for a shared need of Täby, of Sigtuna, for Täby's draft and for a need of
    Huddinge (Etablering Södertörn)."""
    needs = {
        "taby": NeedFactory(municipality=municipality("0160"), title="Läxhjälp i Täby"),
        "sigtuna": NeedFactory(municipality=municipality("0191"), title="Bostäder i Sigtuna"),
        "draft": NeedFactory(
            municipality=municipality("0160"), title="Täbys utkast", status=Need.Status.DRAFT
        ),
        "huddinge": NeedFactory(municipality=municipality("0126"), title="Språk i Huddinge"),
    }
    for need in needs.values():
        matched(need)
    return needs


def need_titles(response, part: str = "") -> list[str]:
    rows = []
    for name in [f"{part}_rows"] if part else ["new_rows", "earlier_rows"]:
        rows += response.context[name]
    return sorted(row.match.need.title for row in rows)


def test_anonymous_visitors_must_log_in(client, setting) -> None:
    assert client.get(URL).status_code == 302
    assert client.post(URL + "sedda/").status_code == 302


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("coordinator", ["Bostäder i Sigtuna", "Läxhjälp i Täby", "Täbys utkast"]),
        ("steering", ["Bostäder i Sigtuna", "Läxhjälp i Täby"]),
        ("viewer", ["Bostäder i Sigtuna", "Läxhjälp i Täby"]),
        ("contact", ["Bostäder i Sigtuna", "Läxhjälp i Täby", "Täbys utkast"]),
        ("solna_contact", ["Bostäder i Sigtuna", "Läxhjälp i Täby"]),  # not Täby's draft
        ("sodertorn_coordinator", ["Språk i Huddinge"]),
    ],
)
def test_each_role_sees_the_matches_of_the_needs_it_may_see(cast, setting, role, titles) -> None:
    response = client_for(getattr(cast, role)).get(URL)
    assert response.status_code == 200
    assert need_titles(response) == titles


def test_a_user_without_a_role_sees_no_matches(cast, setting) -> None:
    response = client_for(cast.outsider).get(URL)
    assert response.status_code == 200
    assert response.context["consortia"] == []
    assert "new_rows" not in response.context


def test_a_user_of_several_consortia_chooses_one(cast, setting) -> None:
    client = client_for(cast.admin)
    response = client.get(URL)
    assert [c.slug for c in response.context["consortia"]] == [
        "etablering-sodertorn",
        "koordination-norrort",
        "stockholms-lan",
    ]
    assert 'name="samverkan"' in response.content.decode()
    assert need_titles(response) == ["Språk i Huddinge"]
    response = client.get(URL + "?samverkan=koordination-norrort")
    assert need_titles(response) == ["Bostäder i Sigtuna", "Läxhjälp i Täby"]  # no drafts
    # Täby's contact reads the county-wide consortium too, where Huddinge is a member.
    response = client_for(cast.contact).get(URL + "?samverkan=stockholms-lan")
    assert "Språk i Huddinge" in need_titles(response)


def test_another_consortium_is_not_found(cast, setting) -> None:
    client = client_for(cast.coordinator)
    assert client.get(URL + "?samverkan=etablering-sodertorn").status_code == 404
    assert client.get(URL + "?samverkan=finns-inte").status_code == 404


def test_only_good_matches_on_open_calls_of_open_needs_are_listed(cast, county) -> None:
    taby = municipality("0160")
    good = NeedFactory(municipality=taby, title="Bra")
    matched(good, rank=GOOD_RANK, score=GOOD_SCORE)
    matched(NeedFactory(municipality=taby, title="Låg plats"), rank=GOOD_RANK + 1, score=0.9)
    matched(NeedFactory(municipality=taby, title="Låg poäng"), score=GOOD_SCORE - 0.01)
    closed = CallFactory(closes=timezone.now() - timedelta(hours=1))
    matched(NeedFactory(municipality=taby, title="Stängd utlysning"), closed)
    met = NeedFactory(municipality=taby, title="Tillgodosett")
    matched(met)
    Need.objects.filter(pk=met.pk).update(status=Need.Status.MET)  # before the next refresh
    response = client_for(cast.coordinator).get(URL)
    assert need_titles(response) == ["Bra"]


def test_the_page_shows_need_call_deadline_score_and_reasons(cast, county) -> None:
    need = NeedFactory(municipality=municipality("0191"), title="Digital delaktighet")
    call = CallFactory(title="Digitala färdigheter", closes=timezone.now() + timedelta(days=12))
    match = matched(need, call, score=0.4567)
    Match.objects.filter(pk=match.pk).update(
        reasons=[
            reason_json(gettext_lazy("theme: {theme}", theme="digital inkludering")),
            reason_json(gettext_lazy("closes today")),
            reason_json(
                ngettext_lazy("closes in {number} day", "closes in {number} days", number=1)
            ),
        ]
    )
    response = client_for(cast.coordinator).get(URL)
    page = response.content.decode()
    assert f'href="/behov/{need.pk}/"' in page
    assert f'href="/utlysningar/{call.pk}/"' in page
    assert "Sigtuna" in page
    assert call.funder.name in page
    assert response.context["new_rows"][0].days_left in (11, 12)
    assert "0,46" in page or "0.46" in page
    assert "tema: digital inkludering; stänger i dag" in page
    assert "stänger om 1 dag" not in page  # the first reasons only


def test_without_a_visit_every_match_is_new(cast, setting) -> None:
    response = client_for(cast.coordinator).get(URL)
    assert response.context["seen_at"] is None
    assert len(response.context["new_rows"]) == 3
    assert response.context["earlier_rows"] == []


def test_matches_suggested_since_the_last_visit_are_new(cast, setting) -> None:
    MatchesVisit.objects.create(
        user=cast.coordinator,
        consortium=setting["taby"].municipality.consortia.get(slug="koordination-norrort"),
        seen_at=timezone.now() - timedelta(hours=1),
    )
    fresh = matched(setting["taby"], ago=timedelta(minutes=5))
    response = client_for(cast.coordinator).get(URL)
    assert [row.match for row in response.context["new_rows"]] == [fresh]
    assert len(response.context["earlier_rows"]) == 3
    assert (
        response.content.decode().count("<tr>") == 2 + 1 + 3
    )  # a head row per table, one new match, three earlier


def test_looking_at_the_page_marks_nothing(cast, setting) -> None:
    client = client_for(cast.coordinator)
    client.get(URL)
    client.get(URL)
    assert not MatchesVisit.objects.exists()
    assert len(client.get(URL).context["new_rows"]) == 3


def test_mark_as_seen_up_to_when_the_page_was_made(cast, setting) -> None:
    client = client_for(cast.coordinator)
    page = client.get(URL)
    made = page.context["now"]
    later = matched(setting["sigtuna"], ago=timedelta(0))  # arrives while the user reads
    Match.objects.filter(pk=later.pk).update(first_seen_at=made + timedelta(seconds=1))
    response = client.post(
        URL + "sedda/",
        {"samverkan": "koordination-norrort", "seen_until": made.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "?samverkan=koordination-norrort"
    visit = MatchesVisit.objects.get(user=cast.coordinator)
    assert visit.seen_at == made
    after = client.get(URL)
    assert [row.match for row in after.context["new_rows"]] == [later]
    assert len(after.context["earlier_rows"]) == 3
    # Other users and other consortia keep their own marker.
    assert len(client_for(cast.viewer).get(URL).context["new_rows"]) == 3


def test_the_marker_never_moves_back_nor_into_the_future(cast, setting) -> None:
    client = client_for(cast.coordinator)
    now = timezone.now()
    client.post(URL + "sedda/", {"samverkan": "koordination-norrort", "seen_until": "2999-01-01"})
    visit = MatchesVisit.objects.get()
    assert now <= visit.seen_at <= timezone.now()
    client.post(
        URL + "sedda/",
        {"samverkan": "koordination-norrort", "seen_until": "2000-01-01T00:00:00+01:00"},
    )
    assert MatchesVisit.objects.get().seen_at == visit.seen_at
    # Nonsense is read as "now".
    response = client.post(URL + "sedda/", {"samverkan": "koordination-norrort", "seen_until": "x"})
    assert response.status_code == 302


def test_marking_is_refused_outside_ones_consortia(cast, setting) -> None:
    assert (
        client_for(cast.outsider).post(URL + "sedda/", {"samverkan": "koordination-norrort"})
    ).status_code == 404
    assert (
        client_for(cast.coordinator).post(URL + "sedda/", {"samverkan": "etablering-sodertorn"})
    ).status_code == 404
    assert client_for(cast.coordinator).get(URL + "sedda/").status_code == 405
    assert not MatchesVisit.objects.exists()


def test_the_matches_page_uses_a_bounded_number_of_queries(cast, setting) -> None:
    client = client_for(cast.coordinator)
    client.get(URL)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for code in ["0114", "0115", "0117", "0123", "0125", "0139", "0163", "0183", "0186"]:
        need = NeedFactory(municipality=municipality(code))
        for rank in range(1, 4):
            match = matched(need, rank=rank)
        Dismissal.objects.create(
            need=need, call=match.call, reason="other", note="x", dismissed_by=cast.coordinator
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert len(response.context["new_rows"]) == 3 + 18
    assert len(response.context["dismissed"]) == 9
    assert len(before) <= 12, [q["sql"] for q in before.captured_queries]
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]


def test_the_navigation_shows_matches_to_users_with_a_role(cast, setting) -> None:
    assert f'href="{URL}"' in client_for(cast.viewer).get("/").content.decode()
    assert f'href="{URL}"' not in client_for(cast.outsider).get("/").content.decode()
