"""What a call funds, the word signal, the fit in words, and needs alike (the engine alone)."""

from datetime import date

from navet.calls.taxonomy import programme_purposes, stopwords
from navet.matching.engine import GOOD_FIT, Call, Matcher, Need, fit_label

TODAY = date(2025, 10, 6)


def said(reasons) -> list[str]:
    """The reasons as the reader reads them (in Swedish here)."""
    return [str(reason) for reason in reasons]


def call(**fields) -> Call:
    values = {
        "id": "c",
        "title": "Utvecklingsmedel",
        "closes": date(2025, 10, 31),
        "eligible_applicants": ("kommun",),
        "cofinancing_percent": 0,
    }
    return Call(**(values | fields))


def need(**fields) -> Need:
    values = {"id": "n", "municipality": "0187", "title": "Behov"}
    return Need(**(values | fields))


HOUSING = need(
    title="Stöd att hitta bostad för nyanlända",
    description="Nyanlända hushåll behöver hjälp att navigera på bostadsmarknaden.",
    themes=("boende-bosattning",),
    target_groups=("nyanlanda-ersattningsforordningen",),
)


def test_the_fit_in_words_has_a_cut_off() -> None:
    assert [str(fit_label(s)) for s in (0.95, 0.6, 0.45, 0.4, 0.25, 0.2)] == [
        "Mycket god",
        "Mycket god",
        "God",
        "God",
        "Möjlig",
        "Möjlig",
    ]
    assert fit_label(0.19) is None
    assert fit_label(0.0) is None
    assert GOOD_FIT == 0.2


def test_a_programmes_purpose_by_its_rules_is_what_its_calls_fund() -> None:
    """A county board's § 37 call about reception capacity funds housing too, by the ordinance:
    the call is found for a housing need, with the programme's purpose as the reason."""
    capacity = call(
        id="capacity",
        title="Utvecklingsmedel för mottagningskapacitet",
        description="Länsstyrelsen fördelar medel enligt 37 § förordningen (2010:1122).",
    )
    other = call(id="other", title="Utvecklingsmedel för mottagningskapacitet")
    ranked = {s.call: s for s in Matcher([capacity, other]).rank(HOUSING, TODAY)}
    assert "tema enligt programmets syfte: boende och bosättning" in said(
        ranked["capacity"].reasons
    )
    assert ranked["capacity"].score > ranked.get("other", ranked["capacity"]).score or (
        "other" not in ranked
    )


def test_a_seeded_programme_is_read_by_its_slug() -> None:
    programmes = {p.programme for p in programme_purposes()}
    assert {"lst-stockholm-37", "lst-stockholm-37a", "esf-plus"} <= programmes
    plain = call(id="plain", title="Utvecklingsmedel för mottagningskapacitet")
    linked = call(
        id="linked", title="Utvecklingsmedel för mottagningskapacitet", programme="lst-stockholm-37"
    )
    ranked = {s.call: s for s in Matcher([plain, linked]).rank(HOUSING, TODAY)}
    assert "tema enligt programmets syfte: boende och bosättning" in said(ranked["linked"].reasons)


def test_a_broad_call_that_funds_the_need_is_matched_on_its_breadth() -> None:
    """A call stating several purposes funds each of them whole, and ranks above a narrow call
    of a neighbouring theme."""
    broad = call(
        id="broad",
        title="Medel för etablering",
        description=(
            "Medlen ska stärka beredskapen i mottagandet, underlätta bosättning och utveckla "
            "samverkan mellan kommuner. Många nyanlända möter också frågor om hälsa och språk."
        ),
    )
    narrow = call(id="narrow", title="Segregation i utsatta områden")
    ranked = Matcher([narrow, broad]).rank(HOUSING, TODAY)
    assert ranked[0].call == "broad"
    assert "tema: boende och bosättning" in said(ranked[0].reasons)


def test_the_stop_list_is_swedish_at_large() -> None:
    words = stopwords("sv")
    # Snowball's list, and the general function words it lacks
    assert {"och", "hos", "upp", "själv", "inom"} <= words
    assert {"bara", "själva", "exempelvis", "även", "genom"} <= words
    assert "bostad" not in words


def test_reasons_name_no_function_words() -> None:
    text = "Vi vill bara att de själva kan få hjälp hos oss, exempelvis upp till tre gånger."
    needing = need(title="Vägledning för nyanlända", description=text)
    other = call(id="c", title="Vägledning för nyanlända", description=text)
    filler = call(id="x", title="Bostad", description="Hyresvärdar.")
    words = [
        r
        for s in Matcher([other, filler]).rank(needing, TODAY)
        for r in said(s.reasons)
        if r.startswith("gemensamma ord")
    ]
    assert words
    for function_word in ("bara", "själva", "hos", "upp", "exempelvis"):
        assert function_word not in words[0]


def test_compound_parts_meet_the_words_they_are_made_of() -> None:
    """ "bostadsmarknaden" says bostad and marknad, so a call about the housing market (in other
    compounds) shares words with the need."""
    need_text = need(title="Bostadsmarknaden för nyanlända")
    market = call(id="market", title="Marknad", description="Stöd att hitta en bostad.")
    unrelated = call(id="other", title="Idrott", description="Föreningar och lov.")
    matcher = Matcher([market, unrelated])
    terms = matcher.need_profile(need_text).terms
    assert {"bost", "markn"} <= set(terms)  # the stems of bostad and marknad
    ranked = matcher.rank(need_text, TODAY)
    assert [s.call for s in ranked][:1] == ["market"]


def test_a_need_saying_almost_the_same_in_other_words_is_similar() -> None:
    digital = need(
        id="mine",
        title="Motverka digitalt utanförskap bland nyanlända",
        description="Många saknar BankID och klarar inte e-tjänster.",
        themes=("digital-inkludering",),
    )
    same = need(
        id="same",
        municipality="0114",
        title="Digital delaktighet för nya invånare",
        description="Stöd med e-legitimation och digitala samhällstjänster.",
    )
    only_group = need(
        id="group",
        municipality="0115",
        title="Fritid för nyanlända",
        target_groups=("nyanlanda-ersattningsforordningen",),
    )
    # the calls, as the county's: most of them for the newly arrived
    calls = [
        call(id=topic, title=f"{topic} för nyanlända") for topic in ("Bostad", "Arbete", "Språk")
    ]
    found = Matcher(calls).similar(digital, [same, only_group])
    assert [s.call for s in found] == ["same"]
    assert "tema: digital inkludering" in said(found[0].reasons)
