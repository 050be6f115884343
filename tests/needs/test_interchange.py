"""The needs reader is pure: these tests need no database."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from navet.needs.interchange import municipality_code, parse_needs

SAMPLE = Path(__file__).parents[1] / "data" / "needs_interchange.json"


def _sample() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["needs"]


def test_good_records_are_read_and_bad_ones_reported_by_position() -> None:
    records, problems = parse_needs(_sample())

    assert [r.external_id for r in records] == [
        "n-0163-001",
        "n-0187-001",
        "n-0191-001",
        "okand-kommun",  # the code is well-formed; whether Navet knows it is the import's matter
    ]
    fatal = {(p.position, p.external_id): str(p.message) for p in problems if p.fatal}
    assert fatal == {
        (4, "trasig-1"): "Fältet title saknas eller är tomt.",
        (5, "trasig-2"): (
            "Fältet municipality ska vara en kommunkod med fyra siffror, inte 'Sollentuna'."
        ),
        (6, ""): "Fältet external_id saknas eller är tomt.",
        (7, "trasig-3"): "Fältet priority ska vara 1 (hög), 2 (medel) eller 3 (låg), inte 5.",
        (8, "trasig-4"): "cofinancing_capacity_percent ska vara mellan 0 och 100, inte 120.",
        (9, "n-0163-001"): "Samma external_id förekommer tidigare i filen.",
    }


def test_every_field_of_a_full_record() -> None:
    first = parse_needs(_sample())[0][0]
    assert first.municipality == "0163"
    assert first.title == "Språkcaféer för föräldralediga"
    assert first.themes == ["sprak", "foraldraskap"]
    assert first.target_groups == ["foraldralediga"]
    assert first.endorsed_by == ["0191", "0187"]
    assert first.priority == 1
    assert first.raised_at == date(2025, 3, 17)
    assert first.raised_in == "workshop"
    assert first.cofinancing_capacity_percent == Decimal("0.00")
    assert first.estimated_cost_sek is None


def test_spreadsheet_notation_and_unknown_values_are_warnings() -> None:
    records, problems = parse_needs(_sample())
    housing = records[1]
    assert housing.themes == ["boende-bosattning"]
    assert housing.target_groups == ["nyanlanda-ersattningsforordningen"]
    assert housing.endorsed_by == ["0117", "9999"]
    assert housing.priority == 2
    assert housing.raised_in == "network_meeting"
    assert housing.cofinancing_capacity_percent == Decimal("25.00")
    assert housing.estimated_cost_sek == 1_250_000
    warnings = [str(p.message) for p in problems if p.position == 2]
    assert all(not p.fatal for p in problems if p.position == 2)
    assert "Okända teman ignorerades: okant-tema." in warnings
    assert "Okända målgrupper ignorerades: nyanlanda." in warnings
    assert "Ogiltiga kommunkoder i endorsed_by ignorerades: Solna." in warnings


def test_a_code_that_a_spreadsheet_made_a_number_gets_its_zero_back() -> None:
    digital = parse_needs(_sample())[0][2]
    assert digital.municipality == "0191"
    assert digital.raised_in == "survey"
    assert digital.priority == 3
    assert digital.cofinancing_capacity_percent is None  # not stated: the import keeps or defaults


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("workshop", "workshop"),
        ("Intervju", "interview"),
        ("interview", "interview"),
        ("nätverksträff", "network_meeting"),
        ("network meeting", "network_meeting"),
        ("Styrgruppsmöte", "steering_meeting"),
        ("steering meeting", "steering_meeting"),
        ("enkät", "survey"),
        ("survey", "survey"),
        ("annat", "other"),
        ("", ""),
    ],
)
def test_the_source_in_swedish_or_english(written, stored) -> None:
    record = {"external_id": "x", "municipality": "0160", "title": "T", "source": written}
    records, problems = parse_needs([record])
    assert records[0].raised_in == stored
    assert problems == []


def test_an_unknown_source_is_kept_as_other_with_a_warning() -> None:
    record = {"external_id": "x", "municipality": "0160", "title": "T", "source": "fika"}
    records, problems = parse_needs([record])
    assert records[0].raised_in == "other"
    assert [str(p.message) for p in problems] == ["Okänd källa 'fika' sparades som 'annat'."]


def test_the_own_municipality_is_no_endorser() -> None:
    record = {"external_id": "x", "municipality": "0160", "title": "T", "endorsed_by": ["0160"]}
    records, problems = parse_needs([record])
    assert records[0].endorsed_by == []
    assert "Kommunen själv ignorerades" in str(problems[0].message)


def test_a_record_that_is_not_an_object() -> None:
    records, problems = parse_needs(["inte ett objekt"])
    assert records == []
    assert str(problems[0].message) == "Posten är inte ett objekt med fält."


@pytest.mark.parametrize(
    ("value", "code"),
    [("0163", "0163"), (163, "0163"), (163.0, "0163"), (" 0163 ", "0163"), ("163", "0163")],
)
def test_municipality_codes(value, code) -> None:
    assert municipality_code(value) == code


@pytest.mark.parametrize("value", [None, "", True, "Solna", "01634", 1.5, "01 63"])
def test_not_municipality_codes(value) -> None:
    assert municipality_code(value) is None
