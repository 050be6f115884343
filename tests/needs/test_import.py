"""Importing needs: idempotent by external_id, bad records reported by position, rights per
municipality; files in JSON, .xlsx and Swedish CSV; and `navet import` for calls and needs."""

import json
from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from navet.calls.models import Call
from navet.calls.services import funders_seed
from navet.calls.spreadsheets import write_csv, write_workbook
from navet.core.errors import DomainError, PermissionDenied
from navet.needs.interchange import COLUMNS
from navet.needs.models import Endorsement, Need
from navet.needs.services import interchange_import_file, needs_import, needs_import_file
from navet.organisations.models import Consortium

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "data"
NEEDS = DATA / "needs_interchange.json"
CALLS = DATA / "calls_interchange.json"


def _records() -> list[dict]:
    return json.loads(NEEDS.read_text(encoding="utf-8"))["needs"]


def test_good_records_are_stored_and_bad_ones_reported_by_position(county) -> None:
    report = needs_import(actor=None, records=_records(), source="test")

    assert sorted(report.created) == ["n-0163-001", "n-0187-001", "n-0191-001"]
    assert report.failed == 7
    fatal = {p.position: p.message for p in report.problems if p.fatal}
    assert fatal[10] == "Kommunkoden 0999 finns inte i Navet."
    assert sorted(fatal) == [4, 5, 6, 7, 8, 9, 10]
    assert [p.position for p in report.problems] == sorted(p.position for p in report.problems)

    first = Need.objects.get(external_id="n-0163-001")
    assert first.municipality.name == "Sollentuna"
    assert first.priority == 1
    assert first.raised_in == Need.RaisedIn.WORKSHOP
    assert first.status == Need.Status.OPEN
    assert sorted(first.endorsements.values_list("municipality__code", flat=True)) == [
        "0187",
        "0191",
    ]
    housing = Need.objects.get(external_id="n-0187-001")
    assert housing.estimated_cost_sek == 1_250_000
    assert housing.cofinancing_capacity_percent == 25
    warnings = [p.message for p in report.problems if p.position == 2]
    assert "Okända kommunkoder i endorsed_by ignorerades: 9999." in warnings
    digital = Need.objects.get(external_id="n-0191-001")
    assert digital.priority == 3
    assert digital.cofinancing_capacity_percent == 0  # not stated: the model's default


def test_reimporting_the_same_file_changes_nothing(county) -> None:
    needs_import(actor=None, records=_records(), source="test")
    entries = LogEntry.objects.count()

    report = needs_import(actor=None, records=_records(), source="test")

    assert report.created == []
    assert report.updated == []
    assert sorted(report.unchanged) == ["n-0163-001", "n-0187-001", "n-0191-001"]
    assert Need.objects.count() == 3
    assert Endorsement.objects.count() == 3
    assert LogEntry.objects.count() == entries


def test_a_changed_record_updates_the_need_and_keeps_what_it_leaves_out(cast) -> None:
    needs_import(actor=None, records=_records(), source="test")
    need = Need.objects.get(external_id="n-0163-001")
    need.estimated_cost_sek = 900_000  # added by hand
    need.save()
    changed = [{**_records()[0], "priority": 2, "themes": ["sprak"], "endorsed_by": []}]

    report = needs_import(actor=cast.coordinator, records=changed, source="test")

    assert report.updated == ["n-0163-001"]
    need.refresh_from_db()
    assert need.priority == 2
    assert need.estimated_cost_sek == 900_000
    assert list(need.themes.values_list("slug", flat=True)) == ["sprak"]
    assert need.endorsements.count() == 2  # an import adds endorsements, never removes one
    change = LogEntry.objects.get_for_object(need).order_by("-timestamp").first()
    assert change.actor == cast.coordinator


def test_a_contact_imports_only_its_own_municipalitys_needs(cast) -> None:
    records = [
        {"external_id": "n-0160-001", "municipality": "0160", "title": "Täbys behov"},
        {"external_id": "n-0184-001", "municipality": "0184", "title": "Solnas behov"},
    ]
    report = needs_import(actor=cast.contact, records=records, source="test")
    assert report.created == ["n-0160-001"]
    (problem,) = report.problems
    assert (problem.position, problem.fatal) == (2, True)
    assert "Solna" in problem.message
    assert Need.objects.get().created_by == cast.contact


def test_an_import_cannot_take_another_municipalitys_need(cast) -> None:
    needs_import(
        actor=None,
        records=[{"external_id": "n-1", "municipality": "0184", "title": "Solnas"}],
        source="test",
    )
    report = needs_import(
        actor=cast.contact,
        records=[{"external_id": "n-1", "municipality": "0160", "title": "Nu Täbys"}],
        source="test",
    )
    assert report.failed == 1
    assert Need.objects.get().title == "Solnas"


@pytest.mark.parametrize("role", ["steering", "viewer", "admin", "outsider"])
def test_who_may_not_import_needs(cast, role) -> None:
    with pytest.raises(PermissionDenied):
        needs_import(actor=getattr(cast, role), records=_records(), source="test")
    assert not Need.objects.exists()


def test_a_broken_record_loses_nothing_already_stored(county) -> None:
    needs_import(actor=None, records=_records(), source="test")
    broken = _records()
    broken[0]["priority"] = "hög"

    report = needs_import(actor=None, records=broken, source="test")

    assert any(p.position == 1 and p.fatal for p in report.problems)
    assert Need.objects.get(external_id="n-0163-001").priority == 1


def test_endorsements_from_outside_the_shared_consortia_are_ignored(county) -> None:
    Consortium.objects.get(slug="stockholms-lan").delete()  # leaves Norrort and Södertörn
    record = {
        "external_id": "n-0160-001",
        "municipality": "0160",
        "title": "T",
        "endorsed_by": ["0184", "0126"],  # Solna (Norrort) and Huddinge (Södertörn)
    }
    report = needs_import(actor=None, records=[record], source="test")
    assert [e.municipality.code for e in Endorsement.objects.all()] == ["0184"]
    assert "Huddinge" in report.problems[0].message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_spreadsheets_of_needs(county, kind) -> None:
    rows = [
        {
            "external_id": "n-0160-001",
            "municipality": "0160",
            "title": "Läxhjälp på arabiska och dari",
            "themes": ["utbildning", "barn-unga"],
            "endorsed_by": ["0184"],
            "priority": 1,
            "source": "nätverksträff",
            "cofinancing_capacity_percent": 12.5,
            "estimated_cost_sek": 250_000,
        }
    ]
    content = (
        write_workbook(rows, columns=COLUMNS, sheet_title="Behov")
        if kind == "xlsx"
        else write_csv(rows, columns=COLUMNS)
    )
    report = needs_import_file(actor=None, filename=f"behov.{kind}", content=content)
    assert report.created == ["n-0160-001"]
    need = Need.objects.get()
    assert need.cofinancing_capacity_percent == pytest.approx(12.5)
    assert need.raised_in == Need.RaisedIn.NETWORK_MEETING
    assert need.endorsements.get().municipality.code == "0184"


def test_a_windows_1252_csv_whose_codes_lost_their_zero(county) -> None:
    content = (
        "external_id;municipality;title;endorsed_by;cofinancing_capacity_percent\r\n"
        "n-0191-001;191;Digitalt utanförskap bland äldre;184;12,5\r\n"
    ).encode("cp1252")
    report = needs_import_file(actor=None, filename="behov.csv", content=content)
    assert report.created == ["n-0191-001"]
    need = Need.objects.get()
    assert need.municipality.code == "0191"
    assert need.title == "Digitalt utanförskap bland äldre"
    assert need.endorsements.get().municipality.code == "0184"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff not json", "JSON"),
        (b"[]", '"needs"'),
        (b'{"needs": {"external_id": "x"}}', '"needs"'),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(county, content, message) -> None:
    with pytest.raises(DomainError, match=message):
        needs_import_file(actor=None, filename="behov.json", content=content)


def test_one_json_file_with_calls_and_needs(county) -> None:
    funders_seed()
    data = {
        "calls": json.loads(CALLS.read_text(encoding="utf-8"))["calls"][:1],
        "needs": _records()[:1],
    }
    content = json.dumps(data).encode()
    reports = interchange_import_file(actor=None, filename="allt.json", content=content)
    assert reports["calls"].created == ["lst-stockholm-37-2027"]
    assert reports["needs"].created == ["n-0163-001"]


def test_a_spreadsheet_with_a_municipality_column_is_needs(county) -> None:
    needs = write_csv([{"external_id": "n", "municipality": "0160", "title": "T"}], columns=COLUMNS)
    assert list(interchange_import_file(actor=None, filename="a.csv", content=needs)) == ["needs"]


# --- navet import -----------------------------------------------------------------------------


@pytest.fixture
def funders(db) -> None:
    funders_seed()


def test_the_import_command_reports_in_swedish(funders) -> None:
    out = StringIO()
    with pytest.raises(CommandError, match="4 poster kunde inte importeras"):
        call_command("import", str(CALLS), stdout=out)
    text = out.getvalue()
    assert "Utlysningar: 4 nya, 0 ändrade, 0 oförändrade, 4 med fel." in text
    assert "FEL post 4 trasig-1" in text
    assert "obs post 2 lst-stockholm-37a-2027" in text
    assert "Behov" not in text


def test_the_import_command_refuses_a_file_that_is_not_json(tmp_path) -> None:
    bad = tmp_path / "utlysningar.json"
    bad.write_bytes(b"\xff\xfe not json")
    with pytest.raises(CommandError, match="inte giltig JSON"):
        call_command("import", str(bad))


def test_the_import_command_imports_needs_and_calls_from_one_file(county, funders, tmp_path):
    both = tmp_path / "allt.json"
    calls = json.loads(CALLS.read_text(encoding="utf-8"))["calls"]
    both.write_text(json.dumps({"calls": calls, "needs": _records()}), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="11 poster kunde inte importeras") as error:
        call_command("import", str(both), stdout=out)
    assert error.value.returncode == 1
    text = out.getvalue()
    assert "Utlysningar: 4 nya, 0 ändrade, 0 oförändrade, 4 med fel." in text
    assert "Behov: 3 nya, 0 ändrade, 0 oförändrade, 7 med fel." in text
    assert "FEL post 10 okand-kommun: Kommunkoden 0999 finns inte i Navet." in text
    assert Call.objects.count() == 4
    assert Need.objects.count() == 3


def test_the_import_command_succeeds_when_every_need_is_good(county, tmp_path) -> None:
    good = tmp_path / "behov.json"
    good.write_text(json.dumps({"needs": _records()[:3]}), encoding="utf-8")
    out = StringIO()
    call_command("import", str(good), stdout=out)
    assert "Behov: 3 nya" in out.getvalue()
    call_command("import", str(good), stdout=out)
    assert "Behov: 0 nya, 0 ändrade, 3 oförändrade, 0 med fel." in out.getvalue()
