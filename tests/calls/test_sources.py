"""Feed parsers on recorded sample files: pure, no database, no network."""

from datetime import date
from pathlib import Path

import pytest

from navet.calls.interchange import parse_calls
from navet.calls.sources import PARSERS, SourceDefaults
from navet.calls.sources.base import find_deadline, plain_text

DATA = Path(__file__).parents[1] / "data"
LST = SourceDefaults(funder="Länsstyrelsen Stockholm", id_prefix="lst-ab-")


def test_rss_items_with_a_deadline_become_calls_and_news_is_reported() -> None:
    parsed = PARSERS["rss"]((DATA / "feed_lansstyrelsen.xml").read_bytes(), LST)

    assert [r["closes"] for r in parsed.records] == ["2027-05-29", "2027-05-03"]
    first = parsed.records[0]
    assert first["external_id"] == "lst-ab-lst-ab-nyhet-2027-0215"
    assert first["title"] == "Nu kan kommuner söka utvecklingsmedel enligt § 37 för 2027"
    assert "kommunalförbund" in first["description"]  # Windows-1252 decoded
    assert "<p>" not in first["description"]
    assert first["opens"] == "2027-02-15"
    assert first["funder"] == "Länsstyrelsen Stockholm"
    (news,) = parsed.problems
    assert news.position == 3
    assert "sista ansökningsdag" in str(news.message)
    records, problems = parse_calls(parsed.records)
    assert len(records) == 2
    assert not problems


def test_a_feed_with_entity_declarations_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<rss><channel><item><title>&lol2;</title></item></channel></rss>"
    )
    parsed = PARSERS["rss"](bomb, LST)
    assert parsed.records == []
    assert "säkerhetsskäl" in str(parsed.problems[0].message)


@pytest.mark.parametrize(
    "content", [b"", b"<html><body>Inte ett fl\xf6de</body></html>", b"\x00\xff"]
)
def test_a_broken_feed_yields_a_report_not_an_error(content: bytes) -> None:
    parsed = PARSERS["rss"](content, LST)
    assert parsed.records == []
    assert parsed.problems[0].fatal


def test_ical_events_become_deadlines() -> None:
    defaults = SourceDefaults(funder="Exempelfonden", id_prefix="exempel-")
    parsed = PARSERS["ical"]((DATA / "feed_deadlines.ics").read_bytes(), defaults)

    assert [r["closes"] for r in parsed.records] == ["2027-03-15", "2027-09-15T15:00:00+02:00"]
    assert parsed.records[0]["external_id"] == "exempel-omgang-2027-1@exempelfonden.se"
    assert "språkcaféer, läxhjälp" in parsed.records[0]["description"]
    assert parsed.problems[0].position == 3
    records, problems = parse_calls(parsed.records)
    assert len(records) == 2
    assert not problems


def test_an_unreadable_calendar_is_reported() -> None:
    parsed = PARSERS["ical"](b"BEGIN:VCALENDAR\r\nthis is not ical", SourceDefaults())
    assert parsed.records == []
    assert parsed.problems


def test_sedia_keeps_one_record_per_topic_and_the_first_deadline() -> None:
    parsed = PARSERS["sedia"]((DATA / "sedia_search.json").read_bytes(), SourceDefaults())

    by_id = {r["external_id"]: r for r in parsed.records}
    assert set(by_id) == {"sedia-AMIF-2026-TF2-AG-INTE-01-WOMEN", "sedia-CERV-2027-CITIZENS-CIV"}
    women = by_id["sedia-AMIF-2026-TF2-AG-INTE-01-WOMEN"]
    assert women["language"] == "en"  # English preferred over the French copy
    assert women["closes"] == "2027-04-29T17:00:00"
    assert women["opens"] == "2026-11-10"
    assert "1\xa0000\xa0000–2\xa0000\xa0000 euro" in women["description"]
    assert women["funder"] == "Europeiska kommissionen"
    two_stage = by_id["sedia-CERV-2027-CITIZENS-CIV"]
    assert two_stage["closes"] == "2027-03-04T17:00:00"  # the first of two stages
    assert "2027-03-04, 2027-09-16" in two_stage["description"]
    assert "<b>" not in two_stage["description"]
    assert two_stage["url"].endswith("cerv-2027-citizens-civ")
    (broken,) = parsed.problems
    assert broken.external_id == "ESF-2027-BROKEN"
    records, problems = parse_calls(parsed.records)
    assert len(records) == 2
    assert not problems


@pytest.mark.parametrize(
    "content", [b"not json", b'{"results": "nope"}', b"{}", "å".encode("cp1252")]
)
def test_a_broken_sedia_answer_is_reported(content: bytes) -> None:
    parsed = PARSERS["sedia"](content, SourceDefaults())
    assert parsed.records == []
    assert "EU-portalen" in str(parsed.problems[0].message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sista ansökningsdag är 29 maj 2027.", "2027-05-29"),
        ("Ansök senast 2027-05-03 kl. 15.00", "2027-05-03"),
        ("Deadline: 4 March 2027", "2027-03-04"),
        ("Sista dag att söka: 31 juni 2027", None),  # no such day
        ("Beslut fattas den 15 augusti 2027.", None),  # a date, but no deadline
    ],
)
def test_deadlines_are_found_after_a_deadline_phrase(text: str, expected: str | None) -> None:
    found = find_deadline(text)
    assert (found.isoformat() if found else None) == expected


def test_plain_text_keeps_paragraphs_and_decodes_entities() -> None:
    assert (
        plain_text("<p>Bidrag&nbsp;för &amp; med</p><p>nyanlända</p>")
        == "Bidrag för & med\nnyanlända"
    )


def test_sedia_chooses_the_next_cut_off_not_yet_passed() -> None:
    after_first = SourceDefaults(today=date(2027, 3, 10))
    parsed = PARSERS["sedia"]((DATA / "sedia_search.json").read_bytes(), after_first)
    two_stage = next(r for r in parsed.records if "CERV" in r["external_id"])
    assert two_stage["closes"] == "2027-09-16T17:00:00"


def test_a_sedia_source_keeps_only_the_topics_of_its_programmes() -> None:
    content = (DATA / "sedia_search.json").read_bytes()
    parsed = PARSERS["sedia"](
        content, SourceDefaults(id_prefix="s-", topic_prefixes=("CERV-", "ESF-"))
    )
    identifiers = {record["external_id"] for record in parsed.records} | {
        problem.external_id for problem in parsed.problems
    }
    assert identifiers == {"s-sedia-CERV-2027-CITIZENS-CIV", "ESF-2027-BROKEN"}
