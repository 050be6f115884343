"""The interchange reader is pure: these tests need no database."""

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from navet.calls.interchange import parse_calls

SAMPLE = Path(__file__).parents[1] / "data" / "calls_interchange.json"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _sample() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["calls"]


def test_good_records_are_read_and_bad_ones_reported_by_position() -> None:
    records, problems = parse_calls(_sample())

    assert [r.external_id for r in records] == [
        "lst-stockholm-37-2027",
        "lst-stockholm-37a-2027",
        "esf-a2-2027",
        "ny-finansiar-1",
    ]
    fatal = {(p.position, p.external_id): str(p.message) for p in problems if p.fatal}
    assert set(fatal) == {(4, "trasig-1"), (5, "trasig-2"), (6, ""), (7, "trasig-3")}
    assert "closes" in fatal[(4, "trasig-1")]
    assert "öppnar" in fatal[(5, "trasig-2")].lower()
    assert "external_id" in fatal[(6, "")]
    assert "belopp" in fatal[(7, "trasig-3")]


def test_unknown_slugs_are_reported_and_ignored() -> None:
    records, problems = parse_calls(_sample())
    guides = records[1]
    assert guides.themes == ["flyktingguider-natverk"]
    assert guides.eligible_applicants == ["kommun"]
    warnings = [str(p.message) for p in problems if p.position == 2]
    assert any("okant-tema" in w for w in warnings)
    assert any("privatperson" in w for w in warnings)
    assert all(not p.fatal for p in problems if p.position == 2)


def test_a_closing_date_means_the_whole_day_in_stockholm() -> None:
    records, _ = parse_calls(_sample())
    guides = records[1]
    assert guides.closes == datetime(2027, 5, 3, 23, 59, 59, tzinfo=STOCKHOLM)
    assert records[0].closes == datetime(2027, 5, 29, 15, 0, tzinfo=STOCKHOLM)
    assert records[0].opens == datetime(2027, 2, 15, 0, 0, tzinfo=STOCKHOLM)


def test_amounts_and_percentages_in_swedish_notation() -> None:
    records, _ = parse_calls(_sample())
    esf = records[2]
    assert esf.min_amount_sek == 2_000_000
    assert esf.max_amount_sek == 20_000_000
    assert esf.cofinancing_percent == Decimal("46")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cofinancing_percent", 120, "mellan 0 och 100"),
        ("max_amount_sek", "1,5", "helt antal kronor"),
        ("max_amount_sek", 10**20, "orimligt stort"),  # beyond what the database stores
        ("url", "javascript:alert(1)", "webbadress"),
        ("closes", "15 maj", "datum"),
        ("themes", {"a": 1}, "lista"),
    ],
)
def test_bad_fields_reject_the_record_with_a_reason(field: str, value: object, message: str):
    record = {"external_id": "x", "title": "T", "closes": "2027-01-01", field: value}
    records, problems = parse_calls([record])
    assert records == []
    assert message in str(problems[0].message)


def test_duplicate_external_ids_in_one_file_are_refused() -> None:
    record = {"external_id": "x", "title": "T", "closes": "2027-01-01"}
    records, problems = parse_calls([record, dict(record)])
    assert len(records) == 1
    assert problems[0].position == 2


def test_spreadsheet_style_lists_are_split() -> None:
    record = {
        "external_id": "x",
        "title": "T",
        "closes": "2027-01-01",
        "themes": "sprak; utbildning",
        "eligible_applicants": "kommun,region",
    }
    (parsed,), _ = parse_calls([record])
    assert parsed.themes == ["sprak", "utbildning"]
    assert parsed.eligible_applicants == ["kommun", "region"]


def test_not_a_record_at_all() -> None:
    records, problems = parse_calls(["text", 3])
    assert records == []
    assert [p.position for p in problems] == [1, 2]


def test_times_are_kept_in_utc_and_unlikely_years_refused() -> None:
    far = {"external_id": "x", "title": "T", "closes": "2027-04-06T20:17:58-15:35"}
    (record,), _ = parse_calls([far])
    assert record.closes.utcoffset().total_seconds() == 0
    assert record.closes.isoformat() == "2027-04-07T11:52:58+00:00"
    old = {"external_id": "y", "title": "T", "closes": "1102-04-06"}
    records, problems = parse_calls([old])
    assert records == []
    assert "orimligt år" in str(problems[0].message)
