"""Ledger exports: the pure reader, the mapping remembered per municipality, the preview with
bad rows and reasons, the all-or-nothing import, and who may."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import Workbook

from navet.calls.spreadsheets import SpreadsheetError
from navet.core.audit import history_for
from navet.core.errors import DomainError, PermissionDenied
from navet.followup import ledger, services
from navet.followup.models import Expenditure, LedgerImport, LedgerMapping
from navet.organisations.models import Municipality

DATA = Path(__file__).parent.parent / "data"
TABY_COLUMNS = {
    "date_column": "Bokföringsdatum",
    "amount_column": "Belopp SEK",
    "account_column": "Konto",
    "text_column": "Benämning",
    "reference_column": "Verifikationsnummer",
}
TABY_ACCOUNTS = {"5": "staff", "46": "services", "73": "travel"}


def _taby() -> Municipality:
    return Municipality.objects.get(code="0160")


@pytest.fixture
def budgeted(cast, project):
    services.budget_set(
        actor=cast.contact,
        project=project,
        municipality=None,
        amounts={("staff", 2025): 300_000, ("services", 2025): 30_000, ("travel", 2025): 5_000},
    )
    return project


@pytest.fixture
def mapped(cast, budgeted):
    services.ledger_mapping_set(
        actor=cast.contact,
        project=budgeted,
        municipality=_taby(),
        accounts=TABY_ACCOUNTS,
        **TABY_COLUMNS,
    )
    return budgeted


def test_swedish_amounts_and_dates() -> None:
    assert ledger.parse_amount("55 666,67") == Decimal("55666.67")
    assert ledger.parse_amount("-1\u00a0234,50 kr") == Decimal("-1234.50")
    assert ledger.parse_amount("1.234,50") == Decimal("1234.50")
    assert ledger.parse_amount(28500.0) == Decimal("28500.00")
    assert ledger.parse_amount("tjugo") is None
    assert ledger.parse_date("2023-02-25") == date(2023, 2, 25)
    assert ledger.parse_date("20230225") == date(2023, 2, 25)
    assert ledger.parse_date("25.02.2023") == date(2023, 2, 25)
    assert ledger.parse_date("2023-02-30") is None
    assert ledger.parse_date("2023-13-01") is None
    assert ledger.parse_date("2023-02-25 08:30") == date(2023, 2, 25)
    assert ledger.parse_date("2023-W08-6") is None
    assert ledger.parse_amount(float("nan")) is None
    assert ledger.parse_amount("1" * 40) is None


def test_the_header_is_found_below_the_report_heading_in_windows_1252() -> None:
    content = (Path(ledger.__file__).parent / "data" / "ledger_forstudie_sigtuna.csv").read_bytes()
    sheet = ledger.find_header(ledger.read_sheet("huvudbok.csv", content))
    assert sheet.header == ["Datum", "Ver.nr", "Konto", "Kontonamn", "Text", "Belopp"]
    assert sheet.header_position == 5
    proposal = ledger.guess_mapping(sheet.header)
    assert proposal["date_column"] == "Datum"
    assert proposal["reference_column"] == "Ver.nr"
    mapping = ledger.Mapping(
        "Datum", "Belopp", "Konto", "Text", "Ver.nr", {"5": "staff", "64": "materials"}
    )
    rows = ledger.read_rows(sheet, mapping)
    data = [row for row in rows if not row.summary]
    assert len(data) == 14
    assert rows[-1].summary  # the sum line of the report
    assert data[0].text == "Bärbar dator projektledare"
    assert sum(row.amount for row in data) == Decimal("349476.00")


def test_the_same_export_as_xlsx_and_as_utf8_csv_with_bom_reads_the_same() -> None:
    mapping = ledger.Mapping(accounts=TABY_ACCOUNTS, **TABY_COLUMNS)
    needed = [mapping.date_column, mapping.amount_column, mapping.account_column]
    read = {}
    for name in ("ledger_taby.xlsx", "ledger_taby_bom.csv"):
        rows = ledger.read_sheet(name, (DATA / name).read_bytes())
        read[name] = [
            (r.spent_on, r.amount, r.account, r.category, r.reference)
            for r in ledger.read_rows(ledger.find_header(rows, needed), mapping)
            if not r.summary
        ]
    assert read["ledger_taby.xlsx"] == read["ledger_taby_bom.csv"]
    assert read["ledger_taby.xlsx"][3] == (
        date(2025, 3, 14),
        Decimal("1240.50"),
        "7310",
        "travel",
        "A-1150",
    )


def test_a_file_without_the_mapped_columns_says_so() -> None:
    with pytest.raises(SpreadsheetError, match="Hittar ingen rubrikrad"):
        ledger.find_header([["a", "b", "c"]], ["Datum"])
    with pytest.raises(SpreadsheetError, match=".xlsx eller .csv"):
        ledger.read_sheet("huvudbok.pdf", b"%PDF")


def test_accounts_are_written_with_swedish_labels() -> None:
    assert ledger.parse_accounts("5=Personal; 64=material;\n73=Resor") == (
        {"5": "staff", "64": "materials", "73": "travel"},
        [],
    )
    accounts, problems = ledger.parse_accounts("x=Personal; 5=Kaffe")
    assert accounts == {}
    assert len(problems) == 2
    assert ledger.format_accounts({"64": "materials", "5": "staff"}) == "5=Personal; 64=Material"


def test_the_import_stores_every_row_on_its_line(cast, mapped) -> None:
    content = (DATA / "ledger_taby_bom.csv").read_bytes()
    batch = services.ledger_import(
        actor=cast.contact,
        project=mapped,
        municipality=_taby(),
        filename="taby.csv",
        content=content,
    )
    assert batch.rows == 6
    assert batch.total == Decimal("91490.50")
    staff = Expenditure.objects.filter(project=mapped, budget_line__category="staff")
    assert sum(e.amount for e in staff) == Decimal("84000.00")  # with the correction
    assert {e.source for e in Expenditure.objects.all()} == {"ledger"}
    # The same file again: every row is already there, so nothing more is stored.
    again = services.ledger_import(
        actor=cast.contact,
        project=mapped,
        municipality=_taby(),
        filename="taby.csv",
        content=content,
    )
    assert (again.rows, again.already_there, again.set_aside, again.total) == (0, 6, 0, 0)
    assert Expenditure.objects.count() == 6


def test_bad_rows_are_reported_with_reasons_and_nothing_is_stored(cast, mapped) -> None:
    content = (DATA / "ledger_bad.csv").read_bytes()
    preview = services.ledger_read(mapped, _taby(), "fel.csv", content)
    reasons = {item.row.position: " ".join(item.problems) for item in preview.bad}
    assert reasons == {
        2: "”2025-02-30” är inget datum.",
        3: "Belopp saknas.",
        4: "”tjugo kronor” är inget belopp.",
        6: "2024-12-15 ligger utanför projektperioden.",
        7: "Konto saknas.",
    }
    # A row without a budget line is not wrong: it is set aside.
    assert [(item.row.position, item.unplaced) for item in preview.set_aside] == [
        (5, "Konto 8999 hör inte till någon kostnadskategori i mappningen.")
    ]
    assert [item.row.position for item in preview.new] == [8]
    with pytest.raises(DomainError):
        services.ledger_import(
            actor=cast.contact,
            project=mapped,
            municipality=_taby(),
            filename="fel.csv",
            content=content,
        )
    assert not Expenditure.objects.exists()
    assert not LedgerImport.objects.exists()


@pytest.mark.parametrize("who", ["solna_contact", "viewer", "steering", "sodertorn_coordinator"])
def test_others_may_not_import_or_enter(cast, mapped, who) -> None:
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        services.ledger_import(
            actor=user,
            project=mapped,
            municipality=_taby(),
            filename="taby.csv",
            content=(DATA / "ledger_taby_bom.csv").read_bytes(),
        )
    with pytest.raises(PermissionDenied):
        services.expenditure_add(
            actor=user,
            project=mapped,
            budget_line=mapped.budget_lines.first(),
            spent_on=date(2025, 3, 1),
            amount=Decimal(100),
        )
    with pytest.raises(PermissionDenied):
        services.ledger_mapping_set(
            actor=user,
            project=mapped,
            municipality=_taby(),
            accounts={"5": "staff"},
            **TABY_COLUMNS,
        )
    assert not Expenditure.objects.exists()


def test_the_import_page_asks_for_columns_once_then_remembers(client, cast, budgeted) -> None:
    client.force_login(cast.contact)
    url = reverse("followup:ledger-import", args=[budgeted.pk])
    with (DATA / "ledger_taby.xlsx").open("rb") as file:
        page = client.post(url, {"step": "upload", "municipality": _taby().pk, "file": file})
    text = page.content.decode()
    assert "Choose how the ledger is read" in text or "Välj hur huvudboken läses" in text
    token = page.context["token"]
    assert page.context["mapping_form"].initial["date_column"] == "Bokföringsdatum"
    page = client.post(
        url,
        {
            "step": "mapping",
            "token": token,
            "accounts": "5=Personal; 46=Köpta tjänster; 73=Resor",
            **TABY_COLUMNS,
        },
    )
    assert page.status_code == 200
    assert len(page.context["preview"].rows) == 6
    assert not page.context["preview"].bad
    assert LedgerMapping.objects.get(municipality=_taby()).accounts == TABY_ACCOUNTS
    assert client.post(url, {"step": "confirm", "token": token}).status_code == 302
    assert Expenditure.objects.count() == 6
    # The next file goes straight to the preview with the remembered columns.
    with (DATA / "ledger_bad.csv").open("rb") as file:
        page = client.post(url, {"step": "upload", "municipality": _taby().pk, "file": file})
    assert len(page.context["preview"].bad) == 5
    refused = client.post(url, {"step": "confirm", "token": page.context["token"]})
    assert refused.status_code == 200
    assert 'id="form-errors"' in refused.content.decode()
    assert Expenditure.objects.count() == 6


def test_a_forged_or_foreign_token_is_refused(client, cast, mapped) -> None:
    client.force_login(cast.contact)
    url = reverse("followup:ledger-import", args=[mapped.pk])
    page = client.post(url, {"step": "confirm", "token": "forged"})
    assert page.status_code == 200
    assert "Förhandsgranskningen har gått ut" in page.content.decode()
    assert not Expenditure.objects.exists()


def test_a_viewer_cannot_open_the_import(client, cast, budgeted) -> None:
    client.force_login(cast.viewer)
    assert client.get(reverse("followup:ledger-import", args=[budgeted.pk])).status_code == 403


TABY_ROWS = [  # ledger_taby_bom.csv: date, voucher, category, text, amount
    (date(2025, 1, 31), "A-1001", "staff", "Lön språkcafévärd januari", Decimal("28500.00")),
    (date(2025, 2, 28), "A-1102", "staff", "Lön språkcafévärd februari", Decimal("28500.00")),
    (
        date(2025, 2, 12),
        "A-1077",
        "services",
        "Tolkservice Norrort AB, faktura 2291",
        Decimal(6250),
    ),
    (date(2025, 3, 14), "A-1150", "travel", "SL-kort deltagare studiebesök", Decimal("1240.50")),
    (date(2025, 3, 31), "A-1201", "staff", "Lön språkcafévärd mars", Decimal("28500.00")),
    (date(2025, 3, 31), "A-1202", "staff", "Rättelse lön februari", Decimal("-1500.00")),
]


def _import(cast, project, name="ledger_taby_bom.csv", content=None):
    return services.ledger_import(
        actor=cast.contact,
        project=project,
        municipality=_taby(),
        filename=name,
        content=content if content is not None else (DATA / name).read_bytes(),
    )


def test_the_bulk_import_stores_exactly_the_rows_with_their_audit_entries(cast, mapped) -> None:
    batch = _import(cast, mapped)
    stored = Expenditure.objects.filter(project=mapped).select_related("budget_line")
    assert sorted(
        (e.spent_on, e.reference, e.budget_line.category, e.description, e.amount) for e in stored
    ) == sorted(TABY_ROWS)
    for expenditure in stored:
        # On the project's own lines of the year (Täby has none of its own), from this batch.
        assert expenditure.budget_line.project_id == mapped.pk
        assert expenditure.budget_line.municipality_id is None
        assert expenditure.budget_line.year == expenditure.spent_on.year
        assert (expenditure.source, expenditure.ledger_import_id) == ("ledger", batch.pk)
        assert expenditure.created_by == cast.contact
        assert expenditure.created_at is not None
        # One "created" entry per row, by the importer, with what a save would have logged.
        entry = LogEntry.objects.get_for_object(expenditure).get()
        assert entry.action == LogEntry.Action.CREATE
        assert (entry.actor, entry.actor_email) == (cast.contact, cast.contact.email)
        assert entry.object_repr == str(expenditure)
        assert entry.changes_dict == {
            name: list(change) for name, change in model_instance_diff(None, expenditure).items()
        }
    # The history reads as for an expenditure entered by hand.
    history = history_for(stored.get(reference="A-1150"))
    by_hand = services.expenditure_add(
        actor=cast.contact,
        project=mapped,
        budget_line=mapped.budget_lines.get(category="travel"),
        spent_on=date(2025, 3, 14),
        amount=Decimal("1240.50"),
        description="SL-kort deltagare studiebesök",
        reference="A-1150",
    )
    assert [(row.who, row.action, row.changes) for row in history] == [
        (row.who, row.action, row.changes) for row in history_for(by_hand)
    ]
    assert ("verifikation", "–", "A-1150") in history[0].changes


def test_a_hand_entered_row_after_an_import_gets_a_key_of_its_own(cast, mapped) -> None:
    _import(cast, mapped)
    imported = set(Expenditure.objects.values_list("pk", flat=True))
    later = services.expenditure_add(
        actor=cast.contact,
        project=mapped,
        budget_line=mapped.budget_lines.get(category="travel"),
        spent_on=date(2025, 4, 2),
        amount=Decimal(300),
    )
    assert later.pk not in imported
    assert later.pk > max(imported)
    assert Expenditure.objects.count() == 7


def test_a_failure_part_way_through_the_store_leaves_nothing(cast, mapped, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    # The expenditures are stored; then writing their audit entries fails.
    monkeypatch.setattr("navet.followup.audit.created_entries", broken)
    with pytest.raises(RuntimeError):
        _import(cast, mapped)
    assert not Expenditure.objects.exists()
    assert not LedgerImport.objects.exists()
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Expenditure)
    ).exists()
    # Nothing is half there: the same file imports whole afterwards.
    monkeypatch.undo()
    assert _import(cast, mapped).rows == 6


def test_an_amount_too_large_for_an_expenditure_is_a_bad_row(cast, mapped) -> None:
    content = (
        "Bokföringsdatum;Verifikationsnummer;Konto;Benämning;Belopp SEK\n"
        "2025-01-31;A-1;5011;Lön;28 500,00\n"
        "2025-01-31;A-2;5011;Felskrivet;1 000 000 000 000,00\n"
    ).encode()
    preview = services.ledger_read(mapped, _taby(), "stor.csv", content)
    assert [" ".join(item.problems) for item in preview.bad] == [
        "”1 000 000 000 000,00” är ett för stort belopp."
    ]
    with pytest.raises(DomainError, match="1"):
        _import(cast, mapped, "stor.csv", content)
    assert not Expenditure.objects.exists()


def _workbook(heading: int, rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for number in range(heading):
        sheet.append([f"Huvudbok, rad {number + 1} av rubriken"])
    sheet.append(["Bokföringsdatum", "Konto", "Belopp SEK"])
    for number in range(rows):
        sheet.append([date(2025, 1, 1 + number % 28), 5011, 100 + number])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sheet_longer_than_a_file_may_be_is_refused_not_cut(monkeypatch) -> None:
    monkeypatch.setattr(ledger, "MAX_ROWS", 5)
    needed = ["Bokföringsdatum", "Belopp SEK", "Konto"]
    # Below a report heading of three lines: five rows are read whole …
    sheet = ledger.find_header(ledger.read_sheet("a.xlsx", _workbook(3, 5)), needed)
    assert [position for position, _ in sheet.body] == [5, 6, 7, 8, 9]
    # … and six are refused, never read as the first five.
    for heading in (0, 3, 19):
        with pytest.raises(SpreadsheetError, match="fler än 5 rader"):
            ledger.find_header(ledger.read_sheet("a.xlsx", _workbook(heading, 6)), needed)


# --- importing the year so far every month -------------------------------------------------------

HEADER = "Bokföringsdatum;Verifikationsnummer;Konto;Benämning;Belopp SEK\n"
JANUARY = (
    "2025-01-31;A-1001;5011;Lön språkcafévärd januari;28 500,00\n"
    "2025-01-31;A-1002;7310;SL-kort;200,00\n"
    "2025-01-31;A-1002;7310;SL-kort;200,00\n"  # the voucher's two identical rows: two trips
)
FEBRUARY = "2025-02-28;A-1102;5011;Lön språkcafévärd februari;28 500,00\n"


def _file(*months: str) -> bytes:
    return (HEADER + "".join(months)).encode()


def test_the_year_so_far_again_stores_only_the_rows_not_seen_before(cast, mapped) -> None:
    first = _import(cast, mapped, "jan.csv", _file(JANUARY))
    assert (first.rows, first.already_there, first.set_aside) == (3, 0, 0)
    preview = services.ledger_read(mapped, _taby(), "feb.csv", _file(JANUARY, FEBRUARY))
    assert [(item.row.position, item.already_there) for item in preview.rows] == [
        (2, True),
        (3, True),
        (4, True),  # both identical rows are recognised, each once
        (5, False),
    ]
    assert preview.total == Decimal("28500.00")
    second = _import(cast, mapped, "feb.csv", _file(JANUARY, FEBRUARY))
    assert (second.rows, second.already_there, second.total) == (1, 3, Decimal("28500.00"))
    assert sorted(Expenditure.objects.values_list("reference", flat=True)) == [
        "A-1001",
        "A-1002",
        "A-1002",
        "A-1102",
    ]
    # A third identical trip on the voucher in a later export is a new row.
    third = _import(
        cast, mapped, "mar.csv", _file(JANUARY, "2025-01-31;A-1002;7310;SL-kort;200,00\n")
    )
    assert (third.rows, third.already_there) == (1, 3)
    assert Expenditure.objects.filter(reference="A-1002").count() == 3


def test_a_voucher_entered_by_hand_is_not_imported_twice(cast, mapped) -> None:
    services.expenditure_add(
        actor=cast.contact,
        project=mapped,
        budget_line=mapped.budget_lines.get(category="staff"),
        spent_on=date(2025, 1, 31),
        amount=Decimal(28500),
        description="Lön januari, inskriven för hand",
        reference="A-1001",
    )
    batch = _import(cast, mapped, "jan.csv", _file(JANUARY))
    assert (batch.rows, batch.already_there) == (2, 1)
    assert Expenditure.objects.filter(reference="A-1001").count() == 1


def test_rows_without_a_budget_line_are_set_aside_and_come_in_once_mapped(
    cast, mapped, client
) -> None:
    content = _file(
        JANUARY,
        "2025-02-03;A-1090;6410;Bärbar dator;9 000,00\n",  # 64: no cost category in the mapping
        "2025-02-04;A-1091;5011;Lön 2026 bokförd i förväg;1 000,00\n".replace("2025", "2026"),
    )
    mapped.ends_on = date(2026, 12, 31)
    mapped.save()
    batch = _import(cast, mapped, "feb.csv", content)
    assert (batch.rows, batch.set_aside, batch.total) == (3, 2, Decimal("28900.00"))
    preview = services.ledger_read(mapped, _taby(), "feb.csv", content)
    assert [item.unplaced for item in preview.set_aside] == [
        "Konto 6410 hör inte till någon kostnadskategori i mappningen.",
        "Budgeten har ingen post för personal 2026 (Täby eller hela projektet).",
    ]
    # Once the account is mapped and the budget has the line, the same file brings them in.
    services.ledger_mapping_set(
        actor=cast.contact,
        project=mapped,
        municipality=_taby(),
        accounts={**TABY_ACCOUNTS, "64": "materials"},
        **TABY_COLUMNS,
    )
    services.budget_set(
        actor=cast.contact,
        project=mapped,
        municipality=None,
        amounts={("materials", 2025): 10_000, ("staff", 2026): 300_000},
    )
    later = _import(cast, mapped, "feb.csv", content)
    assert (later.rows, later.already_there, later.set_aside) == (2, 3, 0)
    assert Expenditure.objects.count() == 5
    # The page says what was stored, what was there and what was set aside.
    client.force_login(cast.contact)
    url = reverse("followup:ledger-import", args=[mapped.pk])
    upload = io.BytesIO(_file(JANUARY, "2025-02-05;A-1095;8999;Okänt konto;100,00\n"))
    upload.name = "mars.csv"
    page = client.post(url, {"step": "upload", "municipality": _taby().pk, "file": upload})
    text = page.content.decode()
    assert "3 rader har importerats tidigare och lämnas som de är." in text
    assert "Rad 5: Konto 8999 hör inte till någon kostnadskategori i mappningen." in text
    page = client.post(url, {"step": "confirm", "token": page.context["token"]}, follow=True)
    assert (
        "0 nya rader importerades från mars.csv. 3 rader fanns redan från en tidigare import. "
        "1 rad utan budgetpost lades åt sidan" in page.content.decode()
    )
    # The import page lists the earlier imports with what each stored, found and set aside.
    page = client.get(url)
    imports = page.context["imports"]
    assert [(b.filename, b.rows, b.already_there, b.set_aside) for b in imports] == [
        ("mars.csv", 0, 3, 1),
        ("feb.csv", 2, 3, 0),
        ("feb.csv", 3, 0, 2),
    ]
    assert "Tidigare importer" in page.content.decode()


def test_the_usual_column_names_of_swedish_ledgers_are_chosen() -> None:
    header = ["Ver.nr", "Bokf. datum", "Konto", "Ansvar", "Projekt", "Benämning", "Debet", "Kredit"]
    assert ledger.guess_mapping(header) == {
        "date_column": "Bokf. datum",
        "amount_column": "Debet",
        "credit_column": "Kredit",
        "account_column": "Konto",
        "text_column": "Benämning",
        "reference_column": "Ver.nr",
    }
    assert ledger.guess_mapping(["Verifikation", "Datum", "Konto", "Text", "Belopp", "Kredit"]) == {
        "date_column": "Datum",
        "amount_column": "Belopp",
        "credit_column": "",  # an amount column holds the sign itself
        "account_column": "Konto",
        "text_column": "Text",
        "reference_column": "Verifikation",
    }
    assert (
        ledger.guess_mapping(["Vernr", "Verifikationsdatum", "Kontonr", "Belopp kr"])[
            "reference_column"
        ]
        == "Vernr"
    )


def test_a_ledger_with_debit_and_credit_columns_reads_debit_less_credit() -> None:
    rows = [
        ["Datum", "Vernr", "Konto", "Text", "Debet", "Kredit"],
        ["2025-01-31", "1", "5011", "Lön", "28 500,00", ""],
        ["2025-02-28", "2", "5011", "Rättelse", "", "1 500,00"],
        ["2025-02-28", "3", "5011", "Fel", "", "tusen"],
    ]
    mapping = ledger.Mapping(
        "Datum", "Debet", "Konto", "Text", "Vernr", {"5": "staff"}, credit_column="Kredit"
    )
    read = ledger.read_rows(ledger.find_header(rows), mapping)
    assert [(row.amount, tuple(map(str, row.problems))) for row in read] == [
        (Decimal("28500.00"), ()),
        (Decimal("-1500.00"), ()),
        (None, ("”tusen” är inget belopp.",)),
    ]
