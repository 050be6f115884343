import json
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, connection

from navet.calls import services
from navet.calls.models import Call, Funder, Programme
from navet.calls.services import calls_import, funders_seed
from navet.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parents[1] / "data" / "calls_interchange.json"


def _records() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["calls"]


@pytest.fixture
def funders(db) -> None:
    funders_seed()


def test_funders_seed_loads_the_programmes_and_their_rules(funders) -> None:
    p37 = Programme.objects.get(slug="lst-stockholm-37")
    assert p37.funder.county_code == "01"
    assert p37.legal_basis.startswith("37 § förordning (2010:1122)")
    assert p37.unspent_repaid is True
    assert p37.cofinancing_percent == 0
    assert Programme.objects.get(slug="amif").cofinancing_percent == 25
    assert Programme.objects.get(slug="arvsfonden-projektstod").applicant_rule == "partner_only"
    assert Programme.objects.get(slug="lst-stockholm-37a").eligible_applicants == ["kommun"]


def test_funders_seed_is_idempotent(funders) -> None:
    entries = LogEntry.objects.count()
    assert funders_seed() == {"funders": 0, "programmes": 0}
    assert LogEntry.objects.count() == entries


def test_import_stores_good_records_and_reports_bad_ones(funders) -> None:
    report = calls_import(actor=None, records=_records(), source="test")

    assert sorted(report.created) == [
        "esf-a2-2027",
        "lst-stockholm-37-2027",
        "lst-stockholm-37a-2027",
        "ny-finansiar-1",
    ]
    assert report.failed == 4
    call = Call.objects.get(external_id="lst-stockholm-37-2027")
    assert call.programme.slug == "lst-stockholm-37"  # "§37" matches "§ 37"
    assert set(call.themes.values_list("slug", flat=True)) == {
        "mottagande-beredskap",
        "samverkan-metodutveckling",
    }
    assert call.target_groups.count() == 2
    new_funder = Funder.objects.get(name="Stiftelsen Exempel")
    assert new_funder.kind == Funder.Kind.OTHER


def test_reimporting_the_same_file_changes_nothing(funders) -> None:
    calls_import(actor=None, records=_records(), source="test")
    entries = LogEntry.objects.count()

    report = calls_import(actor=None, records=_records(), source="test")

    assert report.created == []
    assert report.updated == []
    assert len(report.unchanged) == 4
    assert Call.objects.count() == 4
    assert LogEntry.objects.count() == entries


def test_a_moved_deadline_updates_the_call_and_its_history(funders, cast) -> None:
    calls_import(actor=None, records=_records(), source="test")
    moved = _records()
    moved[0]["closes"] = "2027-06-12"

    report = calls_import(actor=cast.coordinator, records=moved, source="test")

    assert report.updated == ["lst-stockholm-37-2027"]
    call = Call.objects.get(external_id="lst-stockholm-37-2027")
    assert call.closes.date().isoformat() == "2027-06-12"
    change = LogEntry.objects.get_for_object(call).order_by("-timestamp").first()
    assert change.actor == cast.coordinator
    assert "closes" in change.changes_dict


def test_a_broken_record_loses_nothing_already_stored(funders) -> None:
    calls_import(actor=None, records=_records(), source="test")
    broken = _records()
    broken[0]["closes"] = "inte ett datum"

    report = calls_import(actor=None, records=broken, source="test")

    assert report.failed == 5
    assert Call.objects.get(external_id="lst-stockholm-37-2027").closes.month == 5


@pytest.mark.parametrize("role", ["steering", "contact", "viewer", "outsider"])
def test_only_coordinators_and_admins_import(funders, cast, role) -> None:
    with pytest.raises(PermissionDenied):
        calls_import(actor=getattr(cast, role), records=_records(), source="test")
    assert not Call.objects.exists()


def test_a_record_in_another_language_is_imported_without_suggestions(funders) -> None:
    records = [
        {"external_id": "de-1", "title": "Förderaufruf", "closes": "2027-01-01", "language": "de"},
        {"external_id": "sv-1", "title": "Språkcaféer för nyanlända", "closes": "2027-01-01"},
    ]
    report = calls_import(actor=None, records=records, source="test")
    assert sorted(report.created) == ["de-1", "sv-1"]
    german = Call.objects.get(external_id="de-1")
    assert german.classification == Call.Classification.GIVEN
    assert not german.themes.exists()
    assert Call.objects.get(external_id="sv-1").classification == Call.Classification.INFERRED


def test_an_unknown_programme_is_reported(funders) -> None:
    record = {
        "external_id": "x",
        "funder": "Länsstyrelsen Stockholm",
        "programme": "§ 99",
        "title": "T",
        "closes": "2027-01-01",
    }
    report = calls_import(actor=None, records=[record], source="test")
    (warning,) = report.problems
    assert not warning.fatal
    assert "'§ 99' finns inte hos Länsstyrelsen Stockholm" in warning.message
    assert Call.objects.get(external_id="x").programme is None


def test_funder_names_match_whatever_their_case(funders) -> None:
    record = {
        "external_id": "x",
        "funder": "LÄNSSTYRELSEN STOCKHOLM",
        "title": "T",
        "closes": "2027-01-01",
    }
    calls_import(actor=None, records=[record], source="test")
    assert Call.objects.get(external_id="x").funder.slug == "lansstyrelsen-stockholm"
    assert not Funder.objects.filter(kind=Funder.Kind.OTHER).exists()


def test_a_later_import_keeps_what_its_record_leaves_out(funders, cast) -> None:
    record = {"external_id": "rss-1", "title": "Språkcaféer", "closes": "2027-01-31"}
    calls_import(actor=None, records=[record], source="rss")
    call = Call.objects.get(external_id="rss-1")
    call.max_amount_sek = 500_000  # added by hand
    call.save()

    report = calls_import(actor=None, records=[record], source="rss")

    assert report.unchanged == ["rss-1"]
    call.refresh_from_db()
    assert call.max_amount_sek == 500_000


def _mixed_records(prefix: str) -> list[dict]:
    """Records of every kind: given themes, text to suggest from, another language, a funder
    that is new, a programme that is not the funder's, and bad ones."""
    records = [
        {**record, "external_id": f"{prefix}{record['external_id']}"}
        if record.get("external_id")
        else record
        for record in _records()
    ]
    records += [
        {
            "external_id": f"{prefix}text-{n}",
            "funder": "Stiftelsen Jämlikhet" if n % 2 else "Länsstyrelsen Stockholm",
            "programme": "§ 99" if n == 3 else "",
            "title": f"Språkcaféer och föräldraskapsstöd för nyanlända kvinnor {n}",
            "description": "Samverkan med civilsamhället mot våld i nära relationer.",
            "closes": f"2027-03-{n + 1:02d}",
            "language": "de" if n == 4 else "sv",
        }
        for n in range(6)
    ]
    return records


def _stored(prefix: str) -> list[tuple]:
    """What is stored of the calls whose ids start with `prefix`, their history included, with
    ids, times and the prefix left out."""
    described = []
    for call in Call.objects.filter(external_id__startswith=prefix).order_by("external_id"):
        history = [
            (
                entry.action,
                json.dumps(entry.changes_dict, sort_keys=True).replace(prefix, ""),
                entry.actor_id,
                entry.object_repr,
            )
            for entry in LogEntry.objects.get_for_object(call).order_by("timestamp", "pk")
        ]
        described.append(
            (
                call.external_id.removeprefix(prefix),
                call.funder_id,
                call.programme_id,
                call.title,
                call.closes,
                call.classification,
                call.evidence,
                sorted(call.themes.values_list("slug", flat=True)),
                sorted(call.target_groups.values_list("slug", flat=True)),
                history,
            )
        )
    return described


def _report(report) -> tuple:
    """The outcome of an import, without the prefix of its ids."""
    return (
        [external_id[3:] for external_id in report.created],
        [(p.position, p.message, p.fatal) for p in report.problems],
    )


def test_calls_stored_together_are_stored_as_one_by_one(funders, cast, monkeypatch) -> None:
    together = calls_import(actor=cast.coordinator, records=_mixed_records("[1]"), source="test")

    def refused(*args, **kwargs):
        raise IntegrityError("refused")

    monkeypatch.setattr(services, "_create_in_bulk", refused)
    one_by_one = calls_import(actor=cast.coordinator, records=_mixed_records("[2]"), source="test")

    assert len(together.created) == 10
    assert _report(together) == _report(one_by_one)
    stored = _stored("[1]")
    assert stored == _stored("[2]")
    inferred = next(call for call in stored if call[0] == "text-0")
    assert [entry[0] for entry in inferred[-1]] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,  # themes
        LogEntry.Action.UPDATE,  # target groups
        LogEntry.Action.UPDATE,  # suggested by Navet
    ]
    assert {entry[2] for entry in inferred[-1]} == {cast.coordinator.pk}


def test_a_call_stored_meanwhile_leaves_the_batch_to_be_stored_one_by_one(
    funders, monkeypatch
) -> None:
    calls_import(actor=None, records=_records()[:1], source="test")
    # As if another import stored the first call between the look-up and the insert.
    monkeypatch.setattr(Call.objects, "in_bulk", lambda *args, **kwargs: {})

    report = calls_import(actor=None, records=_records(), source="test")

    assert sorted(report.created) == ["esf-a2-2027", "lst-stockholm-37a-2027", "ny-finansiar-1"]
    assert report.unchanged == ["lst-stockholm-37-2027"]
    assert Call.objects.count() == 4


def test_a_large_import_stores_every_call_in_batches(funders, monkeypatch) -> None:
    monkeypatch.setattr(services, "BATCH", 3)
    calls_import(actor=None, records=_records()[:2], source="test")
    records = _mixed_records("")

    report = calls_import(actor=None, records=records, source="test")

    assert len(report.created) == 8
    assert len(report.unchanged) == 2
    assert report.failed == 4
    assert Call.objects.count() == 10
    created = LogEntry.objects.filter(
        action=LogEntry.Action.CREATE, object_repr__startswith="Språkcaféer"
    )
    assert created.count() == 6


def test_a_batch_fetched_again_is_compared_without_a_write(funders, monkeypatch) -> None:
    calls_import(actor=None, records=_mixed_records("[1]"), source="test")
    entries = LogEntry.objects.count()
    again = _mixed_records("[1]")
    again[11]["closes"] = "2027-04-30"  # text-3: a moved deadline
    again[13]["description"] = "Hälsa och psykisk ohälsa."  # text-5: other suggestions

    report = calls_import(actor=None, records=again, source="test")

    assert report.updated == ["[1]text-3", "[1]text-5"]
    assert len(report.unchanged) == 8
    assert LogEntry.objects.count() > entries
    # The same as when `_store` compares every call itself.
    monkeypatch.setattr(services, "_unchanged", lambda records, stored: {})
    entries = LogEntry.objects.count()
    one_by_one = calls_import(actor=None, records=again, source="test")
    assert sorted(one_by_one.unchanged) == sorted(report.unchanged + report.updated)
    assert one_by_one.problems == report.problems
    assert LogEntry.objects.count() == entries


def test_a_database_that_cannot_tell_new_keys_stores_one_by_one(funders, monkeypatch) -> None:
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)

    report = calls_import(actor=None, records=_records(), source="test")

    assert len(report.created) == 4
    assert report.failed == 4
    assert Call.objects.get(external_id="lst-stockholm-37-2027").themes.count() == 2
