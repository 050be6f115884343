"""Vinnova's open data: the two recorded answers (rounds and calls) and broken variants."""

import json
from datetime import date
from pathlib import Path

import pytest

from navet.calls.sources.base import SourceDefaults
from navet.calls.sources.vinnova import (
    applicants_in,
    call_numbers,
    calls_address,
    parse_vinnova,
    rounds_address,
)

DATA = Path(__file__).parents[1] / "data"
ROUNDS = (DATA / "vinnova_ansokningsomgangar.json").read_bytes()
CALLS = (DATA / "vinnova_utlysningar.json").read_bytes()
DEFAULTS = SourceDefaults(id_prefix="vinnova-7-", today=date(2026, 3, 1))


def _by_id(parsed) -> dict[str, dict]:
    return {record["external_id"]: record for record in parsed.records}


def test_a_round_with_dates_is_a_call_with_the_rounds_dates_and_link() -> None:
    parsed = parse_vinnova(ROUNDS, CALLS, DEFAULTS)
    record = _by_id(parsed)["vinnova-7-vinnova-2026-00413"]
    assert (
        record["title"] == "Innovativa lösningar för inkludering i offentlig sektor 2026 – steg 1"
    )
    assert (record["opens"], record["closes"]) == ("2026-02-02T00:00:00", "2026-04-15T14:00:00")
    assert record["decision_date"] == "2026-06-10"
    assert record["url"] == "https://www.vinnova.se/e/innovativa-losningar-for-inkludering-2026/"
    assert record["funder"] == "Vinnova"
    assert "digital inkludering" in record["description"]  # the web text, without its markup
    assert "<strong>" not in record["description"]
    assert "riktar sig till kommuner" in record["description"]  # the call's own text
    assert "kommun" in record["eligible_applicants"]


def test_unpublished_rounds_are_skipped_and_a_round_without_dates_is_expected() -> None:
    parsed = parse_vinnova(ROUNDS, CALLS, DEFAULTS)
    ids = set(_by_id(parsed))
    assert "vinnova-7-vinnova-2026-00777" not in ids  # Publik 0
    assert ids == {
        "vinnova-7-vinnova-2026-00413",
        "vinnova-7-vinnova-2026-00414",
        "vinnova-7-vinnova-2026-00591",
    }
    expected = _by_id(parsed)["vinnova-7-vinnova-2026-00414"]
    assert (expected["opens"], expected["closes"]) == ("2026-10-01", "2026-10-31")
    assert {external_id: str(why) for external_id, why in parsed.expected.items()} == {
        "vinnova-7-vinnova-2026-00414": "Vinnova aviserar omgången till oktober 2026; "
        "datumen är inte satta."
    }
    assert "Steg 2 öppnar hösten 2026." in expected["description"]  # TextSv, the other spelling
    assert not parsed.problems


def test_the_other_spelling_of_a_link_and_applicants_never_assumed() -> None:
    battery = _by_id(parse_vinnova(ROUNDS, CALLS, DEFAULTS))["vinnova-7-vinnova-2026-00591"]
    assert battery["url"] == "https://www.vinnova.se/e/avancerade-material-for-batterier-2026/"
    assert battery["eligible_applicants"] == ["foretag", "utbildning"]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Kommuner kan söka tillsammans med ett företag.", ["kommun", "foretag"]),
        ("För företag. Kommuner får inte söka.", ["foretag"]),
        ("Kommunala bolag och regioner.", ["region"]),
        ("Stöd till innovation.", []),
    ],
)
def test_applicants_come_from_the_text(text, kinds) -> None:
    assert applicants_in(text) == kinds


def test_the_addresses_ask_only_for_what_changed_and_for_the_rounds_calls() -> None:
    base = "https://data.vinnova.se/api/ansokningsomgangar/"
    assert rounds_address(base, date(2026, 3, 1)) == f"{base}2026-03-01"
    assert call_numbers(ROUNDS) == ["2026-00412", "2026-00590"]  # not the unpublished one's
    assert (
        calls_address(base, call_numbers(ROUNDS))
        == "https://data.vinnova.se/api/utlysningar/2026-00412,2026-00590"
    )


def test_rounds_are_read_without_their_calls() -> None:
    parsed = parse_vinnova(ROUNDS, b"", DEFAULTS)
    record = _by_id(parsed)["vinnova-7-vinnova-2026-00591"]
    assert record["title"] == "Avancerade material för batterier 2026"
    assert not parsed.problems


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>fel</html>", "Svaret från Vinnova går inte att läsa: inte JSON"),
        (b'{"Diarienummer": "1"}', "Svaret från Vinnova går inte att läsa: svaret är ingen lista"),
        (b"\xff\xfe", "Svaret från Vinnova går inte att läsa: inte JSON"),
    ],
)
def test_an_answer_that_is_not_a_list_of_rounds_is_refused_whole(content, message) -> None:
    parsed = parse_vinnova(content, CALLS, DEFAULTS)
    assert not parsed.records
    assert parsed.problems[0].position == 0
    assert str(parsed.problems[0].message).startswith(message)
    assert call_numbers(content) == []


def test_broken_rounds_are_reported_one_by_one_and_the_good_ones_read() -> None:
    rounds = json.loads(ROUNDS)
    rounds[0]["Stangningsdatum"] = "15 april"
    rounds[1]["AnnonseringslägeÅr"] = None
    rounds[2].pop("Diarienummer")
    rounds.append("inte en omgång")
    rounds.append({"Diarienummer": "2026-09999", "Titel": None, "Stangningsdatum": "2026-05-01"})
    parsed = parse_vinnova(json.dumps(rounds).encode(), CALLS, DEFAULTS)
    assert [(p.position, p.external_id, str(p.message)) for p in parsed.problems] == [
        (1, "2026-00413", "Fältet Stangningsdatum är ingen tidpunkt: '15 april'."),
        (2, "2026-00414", "Omgången har varken datum eller ett år då den väntas öppna."),
        (3, "", "Omgången saknar Diarienummer."),
        (5, "", "Posten är inte ett objekt."),
        (6, "2026-09999", "Omgången saknar titel."),
    ]
    assert not parsed.records
    assert all(p.fatal for p in parsed.problems)
