from datetime import date

import pytest

from navet.calls.geography import call_scope, counties_named, county_of_funder
from navet.matching.engine import Call, Matcher, Need, exclusion

TODAY = date(2025, 10, 6)


def said(reasons) -> list[str]:
    """The reasons as the reader reads them (in Swedish here)."""
    return [str(reason) for reason in reasons]


def call(**fields) -> Call:
    values = {
        "id": "c",
        "title": "Utvecklingsmedel för mottagandet av nyanlända",
        "closes": date(2025, 10, 31),
        "opens": date(2025, 9, 1),
        "eligible_applicants": ("kommun",),
        "cofinancing_percent": 0,
    }
    return Call(**(values | fields))


NEED = Need(
    id="n",
    municipality="0191",
    title="Motverka digitalt utanförskap bland nyanlända vuxna",
    description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
    themes=("digital-inkludering",),
    target_groups=("nyanlanda-ersattningsforordningen",),
)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"opens": date(2025, 10, 7)}, "öppnar först 2025-10-07"),
        ({"closes": date(2025, 10, 5)}, "stängde 2025-10-05"),
        ({"eligible_applicants": ("ideell",)}, "kommuner kan inte söka"),
        (
            {"eligible_applicants": (), "description": "Kommuner kan inte söka bidraget."},
            "kommuner kan inte söka enligt utlysningstexten",
        ),
        ({"cofinancing_percent": 25}, "kräver 25 % medfinansiering, behovet tål 0 %"),
        ({"funder_county": "03"}, "finansierar bara kommuner i Uppsala"),
        ({"description": "Projekt i Skåne län."}, "finansierar bara kommuner i Skåne"),
    ],
)
def test_hard_rules_exclude_a_call_with_the_reason(fields, reason) -> None:
    assert str(exclusion(NEED, call(**fields), TODAY)) == reason
    assert Matcher([call(**fields)]).rank(NEED, TODAY) == []


def test_a_call_open_to_municipalities_on_the_day_is_kept() -> None:
    assert exclusion(NEED, call(closes=TODAY), TODAY) is None  # open all of its last day
    assert exclusion(NEED, call(opens=None, cofinancing_percent=None), TODAY) is None


def test_a_national_call_from_a_county_board_serves_every_county() -> None:
    national = call(
        funder_county="05", description="Nationella medel för insatser i minst två län."
    )
    assert exclusion(NEED, national, TODAY) is None


def test_the_call_made_for_the_need_ranks_first_with_reasons() -> None:
    calls = [
        call(id="digital", title="Grundläggande digitala färdigheter för nyanlända vuxna"),
        call(id="housing", title="Bostad och bosättning för nyanlända"),
        call(id="sport", title="Idrott för barn under loven"),
    ]
    ranked = Matcher(calls).rank(NEED, TODAY)
    assert [s.call for s in ranked][0] == "digital"
    reasons = said(ranked[0].reasons)
    assert "tema: digital inkludering" in reasons
    assert "ingen medfinansiering krävs" in reasons
    assert "stänger om 25 dagar" in reasons


def test_synonyms_meet_through_themes() -> None:
    """ "Digitalt utanförskap" (the need) and "digital delaktighet" (the call) share no word."""
    calls = [
        call(id="synonym", title="Digital delaktighet för vuxna"),
        call(id="other", title="Hälsa för vuxna"),
    ]
    assert Matcher(calls).rank(NEED, TODAY)[0].call == "synonym"


def test_an_english_call_is_matched_through_its_concepts() -> None:
    english = call(id="eu", title="Digital inclusion of newly arrived migrants", language="en")
    ranked = Matcher([english, call(id="sv", title="Bostad för nyanlända")]).rank(NEED, TODAY)
    assert ranked[0].call == "eu"
    assert ranked[0].score > 0


def test_a_call_for_another_legal_status_ranks_below_one_for_the_needs_people() -> None:
    need = Need(
        id="n",
        municipality="0186",
        title="Svenska och samhällsorientering för skyddsbehövande från Ukraina",
        themes=("samhallsorientering",),
        target_groups=("skyddsbehovande-massflykt",),
    )
    calls = [
        call(id="asylum", title="Svenska och samhällskunskap för asylsökande"),
        call(id="ukraine", title="Svenska och samhällskunskap för personer med tillfälligt skydd"),
    ]
    ranked = Matcher(calls).rank(need, TODAY)
    assert [s.call for s in ranked] == ["ukraine", "asylum"]
    assert "för en annan målgrupp (asylsökande)" in said(ranked[1].reasons)


def test_sentences_that_rule_something_out_do_not_count_as_what_a_call_is_about() -> None:
    need = Need(id="n", municipality="0191", title="Läxhjälp för barn", themes=("barn-unga",))
    only_adults = call(
        id="adults", title="Vuxenutbildning", description="Insatser för barn kan inte beviljas."
    )
    # nothing left that the need is about: no topical reason, not suggested
    assert Matcher([only_adults]).rank(need, TODAY) == []


def test_little_time_left_orders_calls_of_equal_fit_and_says_so() -> None:
    soon, later = call(id="a-soon", closes=date(2025, 10, 8)), call(id="later")
    ranked = Matcher([soon, later]).rank(NEED, TODAY)
    assert [s.call for s in ranked] == ["later", "a-soon"]
    assert ranked[0].score == ranked[1].score
    assert any(r.startswith("kort om tid") for r in said(ranked[1].reasons))


def test_amounts_far_from_the_estimated_cost_order_calls_of_equal_fit() -> None:
    need = Need(id="n", municipality="0191", title=NEED.title, estimated_cost_sek=4_000_000)
    small, fitting = (
        call(id="a-small", max_amount_sek=500_000),
        call(id="fit", max_amount_sek=5_000_000),
    )
    ranked = Matcher([small, fitting]).rank(need, TODAY)
    assert [s.call for s in ranked] == ["fit", "a-small"]
    assert any("under halva kostnaden" in r for r in said(ranked[1].reasons))


def test_practical_fit_never_lifts_a_call_above_one_that_fits_better() -> None:
    """A call for the need closing in two days, asking co-financing, stays above a call of
    another theme with no co-financing and months left."""
    fits = call(
        id="fits",
        title="Digital delaktighet för nyanlända vuxna",
        closes=date(2025, 10, 8),
        cofinancing_percent=None,
        max_amount_sek=10_000,
    )
    practical = call(id="practical", title="Bostad för nyanlända", closes=date(2026, 3, 1))
    need = Need(**{**_fields(NEED), "estimated_cost_sek": 1_000_000})
    ranked = Matcher([practical, fits]).rank(need, TODAY)
    assert [s.call for s in ranked] == ["fits", "practical"]
    assert ranked[0].score > ranked[1].score


def test_a_call_with_no_topical_reason_is_not_suggested() -> None:
    """Open, free of co-financing, closing soon: none of that makes a call about housing fit a
    need about digital exclusion."""
    need = Need(
        id="n",
        municipality="0191",
        title="Motverka digitalt utanförskap",
        description="Många saknar BankID och klarar inte e-tjänster på egen hand.",
        themes=("digital-inkludering",),
    )
    housing = call(
        id="housing", title="Hyresvärdar och bostadsförsörjning", description="Bostäder."
    )
    assert Matcher([housing]).rank(need, TODAY) == []
    assert Matcher([housing]).score(need, ["housing"], TODAY) == []


def _fields(need: Need) -> dict:
    return {name: getattr(need, name) for name in Need.__dataclass_fields__}


def test_ranking_is_deterministic_and_ties_go_by_id() -> None:
    calls = [call(id=name) for name in ("b", "a", "c")]
    first = Matcher(calls).rank(NEED, TODAY)
    assert first == Matcher(reversed(calls)).rank(NEED, TODAY)
    assert [s.call for s in first] == ["a", "b", "c"]


def test_similar_needs_are_found_with_their_shared_themes() -> None:
    other = Need(id="o", municipality="0114", title="Digital delaktighet för nyanlända")
    unrelated = Need(id="u", municipality="0115", title="Fritidsaktiviteter under sommarlovet")
    found = Matcher([call()]).similar(NEED, [other, unrelated])
    assert [s.call for s in found] == ["o"]
    assert "tema: digital inkludering" in said(found[0].reasons)


def test_counties_from_funders_names_and_texts() -> None:
    assert county_of_funder("Länsstyrelsen Uppsala län") == "03"
    assert county_of_funder("Region Stockholm") == "01"
    assert county_of_funder("Svenska ESF-rådet") == ""
    assert counties_named("projekt i Västra Götalands län och Stockholmsregionen") == {"14", "01"}
    assert call_scope("", "Ingen plats nämns.") is None
    assert call_scope("01", "Kommuner i länet.") == {"01"}


def test_a_related_theme_counts_part_of_the_way() -> None:
    """A need for civil society is served in part by a call for refugee guides from associations."""
    need = Need(
        id="n", municipality="0139", title="Samarbete med civilsamhället", themes=("civilsamhalle",)
    )
    guides = call(id="guides", title="Flyktingguider och familjekontakter")
    housing = call(id="housing", title="Bostad och bosättning")
    ranked = {s.call: s for s in Matcher([guides, housing]).rank(need, TODAY)}
    assert "närliggande tema: civilsamhälle och idéburen samverkan" in said(
        ranked["guides"].reasons
    )
    assert "housing" not in ranked  # nothing of civil society: no reason to suggest it


def test_a_call_for_all_newly_arrived_serves_family_migrants() -> None:
    need = Need(
        id="n",
        municipality="0183",
        title="Samhällsinformation för anhöriginvandrare",
        target_groups=("anhoriginvandrare",),
    )
    newly_arrived = call(id="all", title="Samhällsinformation för nyanlända")
    children = call(id="children", title="Samhällsinformation för barn")
    ranked = Matcher([newly_arrived, children]).rank(need, TODAY)
    assert [s.call for s in ranked] == ["all", "children"]


def test_a_call_whose_title_names_a_group_within_the_needs_people_is_for_that_group() -> None:
    """ "Nyanlända vuxna i övergången från etableringsprogrammet" is not for every newly arrived."""
    need = Need(
        id="n",
        municipality="0117",
        title="Mötesplatser och nätverk för nyanlända",
        target_groups=("nyanlanda-ersattningsforordningen",),
    )
    targeted = call(
        id="targeted",
        title="Nätverk för nyanlända vuxna i övergången från etableringsprogrammet",
    )
    broad = call(id="broad", title="Nätverk för nyanlända")
    ranked = {s.call: s.score for s in Matcher([targeted, broad]).rank(need, TODAY)}
    assert ranked["targeted"] < 0.8 * ranked["broad"]


def test_a_call_for_other_ages_ranks_lower_and_says_so() -> None:
    need = Need(
        id="n",
        municipality="0117",
        title="Idrott och friluftsliv för vuxna",
        themes=("foreningsliv-fritid",),
    )
    children = call(id="children", title="Idrott och friluftsliv för barn 6–15 år")
    adults = call(id="adults", title="Idrott och friluftsliv för nyanlända")
    ranked = {s.call: s for s in Matcher([children, adults]).rank(need, TODAY)}
    assert ranked["children"].score < ranked["adults"].score
    assert "för en annan åldersgrupp (6–15 år)" in said(ranked["children"].reasons)


def test_scoring_chosen_calls_agrees_with_the_ranking_and_keeps_the_hard_rules() -> None:
    calls = [
        call(id="digital", title="Digitala färdigheter för nyanlända vuxna"),
        call(id="housing", title="Bostad för nyanlända"),
        call(id="closed", closes=date(2025, 10, 1)),
    ]
    matcher = Matcher(calls)
    ranked = {s.call: s for s in matcher.rank(NEED, TODAY)}
    chosen = {s.call: s for s in matcher.score(NEED, ["housing", "closed", "unknown"], TODAY)}
    assert list(chosen) == ["housing"]
    assert chosen["housing"] == ranked["housing"]
    assert "closed" not in ranked
