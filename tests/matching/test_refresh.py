import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from navet.calls.services import call_classify
from navet.matching.models import Match
from navet.matching.selectors import matcher_for
from navet.matching.services import matches_refresh, need_matches_refresh
from navet.organisations.models import Municipality
from tests.factories import CallFactory, EndorsementFactory, NeedFactory

DATA = Path(__file__).parent.parent / "data"


def said(reasons) -> list[str]:
    """The reasons as the reader reads them (in Swedish here)."""
    return [str(reason) for reason in reasons]


@pytest.fixture
def setting(county):
    sigtuna = Municipality.objects.get(code="0191")
    digital = CallFactory(
        external_id="digital", title="Digitala färdigheter och e-tjänster för nyanlända vuxna"
    )
    housing = CallFactory(external_id="housing", title="Bostad och bosättning för nyanlända")
    need = NeedFactory(
        external_id="n-0191-1",
        municipality=sigtuna,
        title="Motverka digitalt utanförskap bland nyanlända",
        description="Många klarar inte e-tjänster och BankID.",
    )
    return {"now": timezone.now(), "need": need, "digital": digital, "housing": housing}


def stored(need) -> list[str]:
    return list(need.matches.order_by("rank").values_list("call__external_id", flat=True))


def test_a_first_refresh_ranks_every_need(setting) -> None:
    report = matches_refresh(now=setting["now"])
    assert report.full
    assert stored(setting["need"]) == ["digital", "housing"]
    match = setting["need"].matches.get(call=setting["digital"])
    assert match.rank == 1
    assert "tema: digital inkludering" in said(match.reason_messages)


def test_on_the_same_day_only_changed_needs_and_calls_are_ranked_again(setting) -> None:
    matches_refresh()
    first_seen = setting["need"].matches.get(call=setting["digital"]).first_seen_at
    nothing = matches_refresh()
    assert (nothing.full, nothing.needs_ranked, nothing.calls_rescored) == (False, 0, 0)

    other = NeedFactory(municipality=setting["need"].municipality, title="Bostad för nyanlända")
    CallFactory(external_id="new", title="Digital delaktighet för nyanlända")
    report = matches_refresh()
    assert (report.full, report.needs_ranked, report.calls_rescored) == (False, 1, 1)
    assert "new" in stored(setting["need"])  # merged into the unchanged need's list
    assert stored(other)[0] == "housing"
    kept = setting["need"].matches.get(call=setting["digital"])
    assert kept.first_seen_at == first_seen  # the pair is not new to anybody


def test_a_full_refresh_writes_in_batches_whatever_the_number_of_needs(
    setting, django_assert_max_num_queries
) -> None:
    sigtuna = setting["need"].municipality
    for n in range(30):
        NeedFactory(municipality=sigtuna, title=f"Digitalt utanförskap {n}")
    with django_assert_max_num_queries(20):  # not a few per need
        matches_refresh(full=True)
    assert Match.objects.filter(call=setting["digital"]).count() == 31
    kept = setting["need"].matches.get(call=setting["digital"])
    Match.objects.filter(pk=kept.pk).update(score=0.01, rank=9)  # as if ranked otherwise before
    matches_refresh(full=True)
    again = setting["need"].matches.get(call=setting["digital"])
    assert (again.pk, again.rank, again.first_seen_at) == (kept.pk, 1, kept.first_seen_at)
    assert again.score > 0.01


def test_a_coordinators_new_themes_for_a_call_rank_it_again_the_same_day(setting, cast) -> None:
    matches_refresh()
    call_classify(
        actor=cast.coordinator,
        call=setting["housing"],
        themes=["digital-inkludering"],
        target_groups=[],
    )
    report = matches_refresh()
    assert (report.full, report.calls_rescored) == (False, 1)


def test_a_call_that_closes_or_a_need_that_is_met_drops_its_matches(setting) -> None:
    matches_refresh(now=setting["now"])
    setting["housing"].closes = setting["now"] - timedelta(days=1)
    setting["housing"].save()
    matches_refresh(now=setting["now"] + timedelta(days=1), full=True)
    assert stored(setting["need"]) == ["digital"]
    setting["need"].status = "met"
    setting["need"].save()
    matches_refresh(now=setting["now"] + timedelta(days=1))
    assert not Match.objects.exists()


def test_one_need_is_ranked_again_on_demand(setting) -> None:
    open_calls = matcher_for(setting["now"])
    today = timezone.localdate(setting["now"])
    need_matches_refresh(setting["need"], open_calls=open_calls, today=today)
    assert stored(setting["need"]) == ["digital", "housing"]


def test_the_open_calls_are_read_again_only_when_they_change(setting) -> None:
    now = timezone.now()
    first = matcher_for(now)
    assert matcher_for(now) is first
    setting["housing"].title = "Bostad, bosättning och boendesökeri för nyanlända"
    setting["housing"].save()
    changed = matcher_for(now)
    assert changed is not first
    assert "boendesökeri" in changed.matcher.calls["housing"].title
    CallFactory(external_id="new")
    assert set(matcher_for(now).pks) == {"digital", "housing", "new"}


def test_match_json_is_the_interchange_shape_with_partners(setting) -> None:
    EndorsementFactory(need=setting["need"], municipality=Municipality.objects.get(code="0114"))
    out = StringIO()
    today = timezone.localdate(setting["now"]).isoformat()
    call_command(
        "match", "--json", "--need", "n-0191-1", "--today", today, "--limit", "1", stdout=out
    )
    report = json.loads(out.getvalue())
    [entry] = report["needs"]
    assert entry["need"] == "n-0191-1"
    [suggestion] = entry["suggestions"]
    assert suggestion["call"] == "digital"
    assert 0 < suggestion["score"] <= 1
    assert "ingen medfinansiering krävs" not in suggestion["reasons"]  # not stated on this call
    assert suggestion["partners"] == ["0114"]  # Upplands Väsby endorsed it and borders Sigtuna


def test_match_refuses_bad_arguments(setting) -> None:
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("match", "--today", "i morgon")
    with pytest.raises(CommandError, match="inget aktuellt behov"):
        call_command("match", "--need", "finns-inte")


def test_eval_matching_reports_the_figures_from_a_scratch_database(db) -> None:
    out = StringIO()
    call_command("eval-matching", str(DATA / "matching_eval.json"), "--json", stdout=out)
    scores = json.loads(out.getvalue())
    assert scores["needs"] == 2
    assert scores["violations_in_top_5"] == 0
    assert scores["ndcg_at_5"] == 1.0
    assert not Match.objects.exists()  # nothing was stored in the real database


def test_the_needs_page_shows_its_calls_with_reasons_and_partners(setting, client, cast) -> None:
    EndorsementFactory(need=setting["need"], municipality=Municipality.objects.get(code="0114"))
    client.force_login(cast.coordinator)
    page = client.get(f"/behov/{setting['need'].pk}/forslag/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Digitala färdigheter") < html.index("Bostad och bosättning")
    assert "tema: digital inkludering" in html
    assert "Upplands Väsby" in html
    fragment = client.get(f"/behov/{setting['need'].pk}/forslag/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "Digitala färdigheter" in fragment.content.decode()


def test_the_suggestions_of_a_need_are_hidden_from_other_consortia(setting, client, cast) -> None:
    client.force_login(cast.sodertorn_coordinator)
    assert client.get(f"/behov/{setting['need'].pk}/forslag/").status_code == 404


def test_a_funder_or_programme_changed_in_the_admin_reaches_the_matching(setting) -> None:
    now = timezone.now()
    first = matcher_for(now)
    funder = setting["digital"].funder
    funder.county_code = "03"  # now a county board's: Uppsala County's municipalities only
    funder.save()
    by_funder = matcher_for(now)
    assert by_funder is not first
    assert by_funder.matcher.calls["digital"].funder_county == "03"
    programme = setting["housing"].programme
    programme.cofinancing_percent = 40
    programme.save()
    setting["housing"].refresh_from_db()
    assert setting["housing"].cofinancing_percent is None  # the programme's rule applies
    assert matcher_for(now).matcher.calls["housing"].cofinancing_percent == 40.0
