"""The portfolio's spreadsheet: export with Swedish headers, numbers and dates; import with a
preview, per-row errors in Swedish and all rows or none; an export imports again as the same
projects; and who may import."""

import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from navet.projects import sheet
from navet.projects.models import Project
from tests.factories import (
    CallFactory,
    FunderFactory,
    NeedFactory,
    ProgrammeFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = [str(header) for _key, header in sheet.COLUMNS]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> io.BytesIO:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(headers)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "projekt.xlsx"
    return buffer


def _row(**values: object) -> list[object]:
    keys = [key for key, _header in sheet.COLUMNS]
    return [values.get(key) for key in keys]


def _preview(client: Client, consortium, rows: list[list[object]]):
    return client.post("/projekt/importera/", {"consortium": consortium.pk, "file": _xlsx(rows)})


def _confirm(client: Client, response):
    token = response.context["token"]
    assert token
    return client.post("/projekt/importera/bekrafta/", {"rows": token})


@pytest.fixture
def history(cast, norrort, taby, sigtuna, idea):
    funder = FunderFactory(name="Länsstyrelsen Stockholm", slug="lansstyrelsen-stockholm")
    programme = ProgrammeFactory(funder=funder, name="§37", slug="lst-37")
    need = NeedFactory(municipality=sigtuna, external_id="n-0191-001")
    ProjectFactory(
        consortium=norrort,
        owner=sigtuna,
        participants=[taby],
        needs=[need],
        title="Jobbspår",
        scope="group",
        description="Vägar till arbete.",
        status="finished",
        funder=funder,
        programme=programme,
        starts_on=date(2022, 1, 1),
        ends_on=date(2023, 6, 30),
        requested_sek=1_000_000,
        granted_sek=900_000,
        repaid_sek=25_000,
    )
    call = CallFactory(external_id="esf-2026-1")
    idea.call = call
    idea.funder, idea.programme = call.funder, call.programme
    idea.requested_sek = 500_000
    idea.save()


def test_the_export_has_swedish_headers_numbers_and_dates(cast, history):
    response = _client(cast.viewer).get("/projekt/export.xlsx?municipality=0191")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet_ = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet_.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 2  # the filter holds: only Sigtuna's project
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert row["Titel"] == "Jobbspår"
    assert row["Projektägare"] == "0191"
    assert row["Deltagande kommuner"] == "0160;0191"
    assert row["Status"] == "Avslutad"
    assert row["Start"].date() == date(2022, 1, 1)
    assert row["Beviljat belopp (kr)"] == 900_000
    assert row["Finansiär"] == "Länsstyrelsen Stockholm"
    assert row["Stödform"] == "§37"


def test_an_export_imports_again_as_the_same_projects(cast, norrort, history):
    client = _client(cast.coordinator)
    fields = [
        "title",
        "description",
        "status",
        "owner__code",
        "call__external_id",
        "funder__slug",
        "programme__slug",
        "starts_on",
        "ends_on",
        "requested_sek",
        "granted_sek",
        "repaid_sek",
        "scope",
    ]

    def stored() -> list[tuple]:
        return sorted(
            (
                *values,
                tuple(sorted(p.participants.values_list("code", flat=True))),
                tuple(sorted(p.needs.values_list("external_id", flat=True))),
            )
            for p, values in (
                (p, Project.objects.filter(pk=p.pk).values_list(*fields).get())
                for p in Project.objects.all()
            )
        )

    before = stored()
    exported = client.get("/projekt/export.xlsx").content
    Project.objects.all().delete()
    upload = io.BytesIO(exported)
    upload.name = "projekt.xlsx"
    preview = client.post("/projekt/importera/", {"consortium": norrort.pk, "file": upload})
    assert preview.context["preview"].wrong == 0
    response = _confirm(client, preview)
    assert response.status_code == 302
    assert stored() == before
    assert set(Project.objects.values_list("imported_history", flat=True)) == {True}


def test_the_preview_lists_every_row_with_its_errors_and_stores_nothing(cast, norrort, history):
    client = _client(cast.coordinator)
    response = _preview(
        client,
        norrort,
        [
            _row(
                title="Gamla språkcaféet",
                owner="Täby",
                participants="0191",
                status="Avslutad",
                starts_on=date(2019, 1, 1),
                ends_on=date(2019, 12, 31),
                granted_sek=300000,
            ),
            _row(
                title="Fel",
                owner="Huddinge",
                status="Påhittad",
                starts_on="igår",
                granted_sek="mycket",
                needs="n-finns-inte",
                call="okand-utlysning",
            ),
            _row(title="", owner="0160", status="running", funder="Okänd finansiär"),
        ],
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Gamla språkcaféet" in text
    assert "Huddinge är inte medlem i Koordination Norrort." in text
    assert "Okänd status ”Påhittad”" in text
    assert "Start: ”igår” är inget datum" in text
    assert "Fältet Beviljat belopp (kr) är inget belopp" in text
    assert "Behovet ”n-finns-inte” finns inte" in text
    assert "Utlysningen ”okand-utlysning” finns inte i Navet." in text
    assert "Titel saknas." in text
    assert "Finansiären ”Okänd finansiär” finns inte i Navet." in text
    assert "2 rader har fel" in text
    assert response.context["token"] == ""  # no confirmation offered
    assert not Project.objects.filter(title="Gamla språkcaféet").exists()


def test_all_or_nothing_when_the_data_changed_after_the_preview(cast, norrort, taby, history):
    client = _client(cast.coordinator)
    rows = [
        _row(title="Ett", owner="0160", status="Avslutad"),
        _row(title="Två", owner="0160", status="Avslutad", starts_on=date(2020, 1, 1)),
    ]
    preview = _preview(client, norrort, rows)
    assert preview.context["preview"].wrong == 0
    ProjectFactory(consortium=norrort, owner=taby, title="Två", starts_on=date(2020, 1, 1))
    count = Project.objects.count()
    response = _confirm(client, preview)
    assert response.status_code == 200
    assert "Inget importerades" in response.content.decode()
    assert Project.objects.count() == count  # "Ett" was not stored either


def test_a_changed_preview_is_refused(cast, norrort, history):
    client = _client(cast.coordinator)
    preview = _preview(client, norrort, [_row(title="Ett", owner="0160", status="idea")])
    token = preview.context["token"]
    response = client.post("/projekt/importera/bekrafta/", {"rows": token[:-3] + "abc"})
    assert response.status_code == 302
    assert not Project.objects.filter(title="Ett").exists()
    # Nor does another coordinator's confirmation carry it.
    other = _client(cast.sodertorn_coordinator)
    assert other.post("/projekt/importera/bekrafta/", {"rows": token}).status_code == 302
    assert not Project.objects.filter(title="Ett").exists()


def test_a_file_that_is_not_a_project_list_is_refused(cast, norrort):
    client = _client(cast.coordinator)
    wrong = _xlsx([["x"]], headers=["Något annat"])
    response = client.post("/projekt/importera/", {"consortium": norrort.pk, "file": wrong})
    assert "Titel och Projektägare" in response.content.decode()
    fake = io.BytesIO(b"not a zip")
    fake.name = "projekt.xlsx"
    response = client.post("/projekt/importera/", {"consortium": norrort.pk, "file": fake})
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("who", ["viewer", "steering", "contact", "admin", "outsider"])
def test_only_coordinators_import(cast, norrort, who):
    client = _client(getattr(cast, who))
    assert client.get("/projekt/importera/").status_code == 403
    response = _preview(client, norrort, [_row(title="Ett", owner="0160", status="idea")])
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_another_consortiums_coordinator_cannot_import_into_norrort(cast, norrort):
    client = _client(cast.sodertorn_coordinator)
    response = _preview(client, norrort, [_row(title="Ett", owner="0160", status="idea")])
    assert response.status_code == 200
    assert response.context["form"].errors["consortium"]
    assert not Project.objects.exists()


def test_sheet_reads_amounts_dates_codes_and_statuses() -> None:
    row = sheet.read_row(
        7,
        {
            "title": " Språk ",
            "owner": 160,
            "participants": "0160; 0191",
            "status": "ansökan pågår",
            "starts_on": "2026-01-01",
            "requested_sek": "1 250 000 kr",
            "granted_sek": 5.0,
        },
    )
    assert row.errors == []
    assert (row.title, row.owner, row.participants, row.status) == (
        "Språk",
        "160",
        ["0160", "0191"],
        "application",
    )
    assert (row.starts_on, row.requested_sek, row.granted_sek) == (date(2026, 1, 1), 1_250_000, 5)
    assert sheet.from_plain(sheet.to_plain([row]))[0] == row
    bad = sheet.read_row(
        2,
        {
            "title": "x",
            "owner": "0160",
            "status": "idea",
            "starts_on": "2026-02-01",
            "ends_on": "2026-01-01",
            "repaid_sek": -5,
        },
    )
    assert "Projektet slutar före det börjar." in map(str, bad.errors)
    assert any("Återbetalt belopp" in str(e) for e in bad.errors)
