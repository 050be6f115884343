"""The needs pages: who sees what, the filters, the forms, endorsing, exports and imports."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from navet.demo.content import DEMO_DRAFT
from navet.needs.models import Endorsement, Need
from navet.organisations.models import Municipality
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

SHARED = 4  # the demo needs that are not drafts


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _titles(response) -> list[str]:
    return [need.title for need in response.context["page"].object_list]


def _need(external_id: str) -> Need:
    return Need.objects.get(external_id=external_id)


def test_anonymous_visitors_must_log_in(client, needs) -> None:
    assert client.get("/behov/").status_code == 302
    assert client.get(f"/behov/{_need(DEMO_DRAFT).pk}/").status_code == 302


@pytest.mark.parametrize(
    ("role", "count"),
    [
        ("coordinator", SHARED + 1),
        ("contact", SHARED + 1),  # Täby's contact also sees Täby's draft
        ("steering", SHARED),
        ("solna_contact", SHARED),
        ("viewer", SHARED),
        ("admin", SHARED),
        ("outsider", 0),
        ("sodertorn_coordinator", 0),
    ],
)
def test_each_role_sees_the_needs_it_may(cast, needs, role, count) -> None:
    response = client_for(getattr(cast, role)).get("/behov/")
    assert response.status_code == 200
    assert len(_titles(response)) == count


def test_the_list_is_in_swedish_order_of_municipality_with_endorsement_counts(cast, needs):
    response = client_for(cast.viewer).get("/behov/")
    rows = [(n.municipality.name, n.endorsement_count) for n in response.context["page"]]
    assert rows == [("Sigtuna", 2), ("Sigtuna", 2), ("Solna", 3), ("Täby", 2)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("municipality=0191", ["Motverka digitalt", "Tidiga insatser"]),
        ("theme=psykisk-halsa", ["Kunskapshöjande", "HBTQI+"]),
        ("target_group=egenbosatta", ["Tidiga insatser"]),
        ("priority=1", ["Motverka digitalt", "Kunskapshöjande"]),
        ("status=draft", ["Feriepraktik"]),
        ("text=asylsökande", ["Tidiga insatser"]),
        ("text=RFSL", ["HBTQI+"]),
        ("sort=endorsements", ["Kunskapshöjande", "Motverka", "HBTQI+", "Tidiga", "Feriepraktik"]),
    ],
)
def test_filters(cast, needs, query, expected) -> None:
    titles = _titles(client_for(cast.contact).get(f"/behov/?{query}"))
    assert len(titles) == len(expected), titles
    for prefix, title in zip(expected, titles, strict=True):
        assert title.startswith(prefix), (prefix, titles)


def test_a_nonsense_filter_shows_everything(cast, needs) -> None:
    response = client_for(cast.viewer).get("/behov/?priority=9&status=nonsens")
    assert response.status_code == 200
    assert len(_titles(response)) == SHARED


def test_the_needs_page_uses_a_bounded_number_of_queries(cast, needs) -> None:
    client = client_for(cast.coordinator)
    client.get("/behov/")
    with CaptureQueriesContext(connection) as before:
        client.get("/behov/")
    taby = Municipality.objects.get(code="0160")
    for n in range(15):
        need = NeedFactory(municipality=taby, raised_at=timezone.localdate() - timedelta(days=n))
        need.themes.set(["sprak"])
        Endorsement.objects.create(
            need=need, municipality_id=Municipality.objects.get(code="0184").pk
        )
    with CaptureQueriesContext(connection) as after:
        client.get("/behov/")
    assert len(before) <= 15
    assert len(after) == len(before)


def test_a_long_list_is_paged_in_swedish_order_across_the_pages(cast, needs) -> None:
    taby = Municipality.objects.get(code="0160")
    for index, letter in enumerate("ÖÄÅZEÉAB" * 8):  # 64 needs, titles out of order
        NeedFactory(municipality=taby, title=f"{letter} behov {index:02}", priority=2)
    client = client_for(cast.coordinator)
    pages = [client.get(f"/behov/?municipality=0160&sida={n}") for n in (1, 2)]
    first, second = (_titles(page) for page in pages)
    assert (len(first), len(second)) == (50, 64 + 1 + 1 - 50)  # plus Täby's demo need and draft
    titles = first + second
    initials = [title[0] for title in titles if " behov " in title]
    # É sorts as E (so the two alternate by number), and Å Ä Ö come after Z.
    expected = ["A"] * 8 + ["B"] * 8 + ["E", "É"] * 8 + ["Z"] * 8
    assert initials == expected + ["Å"] * 8 + ["Ä"] * 8 + ["Ö"] * 8
    assert len(set(titles)) == len(titles)  # no need on two pages
    html = pages[1].content.decode()
    assert "Visar 51–66 av 66." in html
    assert 'href="?municipality=0160&amp;sida=1#results"' in html
    assert 'aria-current="page"' in html


def test_a_page_number_out_of_range_shows_the_last_page(cast, needs) -> None:
    response = client_for(cast.viewer).get("/behov/?sida=99")
    assert response.status_code == 200
    assert len(_titles(response)) == SHARED


def test_the_navigation_shows_needs_to_users_with_a_role(cast, needs) -> None:
    assert 'href="/behov/"' in client_for(cast.viewer).get("/").content.decode()
    assert 'href="/behov/"' not in client_for(cast.outsider).get("/").content.decode()


# --- one need ---------------------------------------------------------------------------------


def test_the_need_page_shows_facts_endorsements_and_history(cast, needs) -> None:
    need = _need("demo-n-0184-101")
    response = client_for(cast.viewer).get(f"/behov/{need.pk}/")
    content = response.content.decode()
    assert "Kunskapshöjande insatser om psykisk ohälsa för personalen" in content
    assert "Psykisk hälsa och trauma" in content  # theme label
    assert "Ensamkommande barn och unga" in content  # target group label
    assert "600\u00a0000\u00a0kr" in content
    for endorser in ("Sundbyberg", "Lidingö", "Täby"):
        assert endorser in content
    assert 'id="history-heading"' in content
    assert "matching/_need_placeholder.html" in [t.name for t in response.templates]
    assert not response.context["can_endorse"]  # a viewer speaks for no municipality
    assert 'id="endorse-reason"' in content


@pytest.mark.parametrize("role", ["viewer", "steering", "solna_contact", "admin", "outsider"])
def test_a_draft_is_not_found_for_others(cast, needs, role) -> None:
    response = client_for(getattr(cast, role)).get(f"/behov/{_need(DEMO_DRAFT).pk}/")
    assert response.status_code == 404


def test_a_need_of_another_consortium_is_not_found(cast, needs) -> None:
    need = _need("demo-n-0160-101")
    assert client_for(cast.sodertorn_coordinator).get(f"/behov/{need.pk}/").status_code == 404
    assert client_for(cast.viewer).get("/behov/999999/").status_code == 404


def test_solna_endorses_a_taby_need_and_withdraws_it(cast, needs) -> None:
    need = _need("demo-n-0191-101")  # Sigtuna's; Solna has not endorsed it
    client = client_for(cast.solna_contact)
    page = client.get(f"/behov/{need.pk}/")
    assert page.context["can_endorse"]
    assert f'action="/behov/{need.pk}/instam/"' in page.content.decode()

    response = client.post(f"/behov/{need.pk}/instam/", {"comment": "Även hos oss."})

    assert response.status_code == 302
    endorsement = need.endorsements.get(municipality__code="0184")
    assert endorsement.comment == "Även hos oss."
    again = client.post(f"/behov/{need.pk}/instam/", {"comment": "Igen"})
    assert again.status_code == 200  # shown on the page: Solna has already endorsed it
    assert need.endorsements.filter(municipality__code="0184").count() == 1

    withdrawn = client.post(f"/behov/{need.pk}/instam/0184/ta-tillbaka/")
    assert withdrawn.status_code == 302
    assert not need.endorsements.filter(municipality__code="0184").exists()


@pytest.mark.parametrize("role", ["viewer", "coordinator", "contact"])
def test_who_may_not_endorse_on_the_page(cast, needs, role) -> None:
    need = _need("demo-n-0160-101")  # Täby's
    response = client_for(getattr(cast, role)).post(f"/behov/{need.pk}/instam/", {})
    assert response.status_code == 403
    assert need.endorsements.count() == 2


def test_another_municipality_cannot_withdraw_solnas_endorsement(cast, needs) -> None:
    need = _need("demo-n-0160-101")  # endorsed by Solna and Danderyd
    response = client_for(cast.steering).post(f"/behov/{need.pk}/instam/0184/ta-tillbaka/")
    assert response.status_code == 403
    assert need.endorsements.filter(municipality__code="0184").exists()


def test_the_status_is_changed_on_the_page_by_editors_only(cast, needs) -> None:
    draft = _need(DEMO_DRAFT)
    assert (
        client_for(cast.viewer).post(f"/behov/{draft.pk}/status/", {"status": "open"}).status_code
        == 404
    )
    shared = _need("demo-n-0160-101")
    refused = client_for(cast.solna_contact).post(f"/behov/{shared.pk}/status/", {"status": "met"})
    assert refused.status_code == 403
    response = client_for(cast.contact).post(f"/behov/{draft.pk}/status/", {"status": "open"})
    assert response.status_code == 302
    assert _need(DEMO_DRAFT).status == Need.Status.OPEN


def test_an_endorsed_need_stays_shared_and_the_page_says_why(cast, needs) -> None:
    shared = _need("demo-n-0160-101")
    response = client_for(cast.contact).post(f"/behov/{shared.pk}/status/", {"status": "draft"})
    assert response.status_code == 200
    assert response.context["status_form"].non_field_errors()
    assert _need("demo-n-0160-101").status == Need.Status.OPEN


# --- the form ---------------------------------------------------------------------------------


def test_a_contact_enters_a_need_for_its_own_municipality(cast, needs) -> None:
    client = client_for(cast.contact)
    form = client.get("/behov/ny/").context["form"]
    assert [label for _, label in form.fields["municipality"].choices] == ["Täby"]
    taby = Municipality.objects.get(code="0160")

    response = client.post(
        "/behov/ny/",
        {
            "municipality": taby.pk,
            "title": "Läxhjälp för nyanlända elever",
            "description": "Många elever saknar stöd hemma.",
            "themes": ["utbildning", "barn-unga"],
            "target_groups": ["unga-12-25"],
            "priority": "1",
            "raised_in": "interview",
            "raised_at": "2026-09-01",
            "cofinancing_capacity_percent": "12,5",
            "estimated_cost_sek": "1 250 000 kr",
            "status": "draft",
        },
    )

    need = Need.objects.get(title="Läxhjälp för nyanlända elever")
    assert response.status_code == 302
    assert response["Location"] == f"/behov/{need.pk}/"
    assert need.external_id == "n-0160-001"
    assert need.status == Need.Status.DRAFT
    assert float(need.cofinancing_capacity_percent) == 12.5
    assert need.estimated_cost_sek == 1_250_000
    assert sorted(need.themes.values_list("slug", flat=True)) == ["barn-unga", "utbildning"]


def test_a_coordinator_chooses_among_the_consortiums_municipalities(cast, needs) -> None:
    form = client_for(cast.coordinator).get("/behov/ny/").context["form"]
    names = [label for value, label in form.fields["municipality"].choices if value]
    assert len(names) == 15
    assert names[-2:] == ["Vaxholm", "Österåker"]  # Swedish order


def test_a_bad_form_keeps_what_was_typed_and_says_what_is_wrong(cast, needs) -> None:
    taby = Municipality.objects.get(code="0160")
    response = client_for(cast.contact).post(
        "/behov/ny/",
        {
            "municipality": taby.pk,
            "title": "",
            "description": "En lång beskrivning som inte får försvinna.",
            "priority": "2",
            "raised_in": "workshop",
            "cofinancing_capacity_percent": "120",
            "status": "open",
            "themes": ["sprak"],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "cofinancing_capacity_percent"}
    content = response.content.decode()
    assert "En lång beskrivning som inte får försvinna." in content
    assert form["themes"].value() == ["sprak"]
    assert re.search(r'value="sprak"[^>]*checked', content)
    assert not Need.objects.filter(description__startswith="En lång").exists()


@pytest.mark.parametrize("role", ["viewer", "steering", "admin", "outsider"])
def test_who_may_not_enter_needs_on_the_page(cast, needs, role) -> None:
    client = client_for(getattr(cast, role))
    assert client.get("/behov/ny/").status_code == 403
    taby = Municipality.objects.get(code="0160")
    assert client.post("/behov/ny/", {"municipality": taby.pk, "title": "X"}).status_code == 403


def test_a_contact_cannot_enter_a_need_for_another_municipality(cast, needs) -> None:
    solna = Municipality.objects.get(code="0184")
    response = client_for(cast.contact).post(
        "/behov/ny/",
        {
            "municipality": solna.pk,
            "title": "X",
            "priority": "2",
            "raised_in": "other",
            "cofinancing_capacity_percent": "0",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Need.objects.filter(title="X").exists()


def test_the_edit_form(cast, needs) -> None:
    need = _need("demo-n-0160-101")
    client = client_for(cast.contact)
    page = client.get(f"/behov/{need.pk}/andra/")
    assert page.status_code == 200
    assert "status" not in page.context["form"].fields
    assert page.context["form"].initial["themes"] == ["hbtqi", "psykisk-halsa"]
    data = {
        "municipality": need.municipality.pk,
        "title": "HBTQI+-perspektiv i hela mottagandet",
        "description": need.description,
        "themes": ["hbtqi"],
        "priority": "1",
        "raised_in": "workshop",
        "cofinancing_capacity_percent": "50",
    }
    assert client.post(f"/behov/{need.pk}/andra/", data).status_code == 302
    need.refresh_from_db()
    assert need.title == "HBTQI+-perspektiv i hela mottagandet"
    assert list(need.themes.values_list("slug", flat=True)) == ["hbtqi"]
    assert client_for(cast.solna_contact).get(f"/behov/{need.pk}/andra/").status_code == 403
    assert client_for(cast.sodertorn_coordinator).get(f"/behov/{need.pk}/andra/").status_code == 404


# --- export and import ------------------------------------------------------------------------


def test_the_json_export_round_trips_through_the_import(cast, needs) -> None:
    client = client_for(cast.coordinator)
    exported = client.get("/behov/export.json")
    assert exported["Content-Disposition"].startswith('attachment; filename="behov-')
    records = json.loads(exported.content)["needs"]
    assert len(records) == SHARED + 1
    hbtqi = next(r for r in records if r["external_id"] == "demo-n-0160-101")
    assert hbtqi["municipality"] == "0160"
    assert hbtqi["endorsed_by"] == ["0184", "0162"]
    assert hbtqi["source"] == "workshop"
    assert hbtqi["cofinancing_capacity_percent"] == 50.0

    upload = _upload("behov.json", exported.content)
    report = client.post("/behov/importera/", {"file": upload}).context["report"]
    assert len(report.unchanged) == SHARED + 1
    assert report.created == report.updated == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_spreadsheet_export_recreates_the_needs(cast, needs, kind) -> None:
    client = client_for(cast.coordinator)
    before = {n.external_id: _facts(n) for n in Need.objects.all()}
    exported = client.get(f"/behov/export.{kind}")
    Need.objects.all().delete()

    report = client.post("/behov/importera/", {"file": _upload(f"behov.{kind}", exported.content)})

    assert sorted(report.context["report"].created) == sorted(before)
    assert {n.external_id: _facts(n) for n in Need.objects.all()} == before


def _facts(need: Need) -> tuple:
    return (
        need.municipality.code,
        need.title,
        need.description,
        need.priority,
        need.raised_in,
        need.raised_at,
        need.cofinancing_capacity_percent,
        need.estimated_cost_sek,
        sorted(need.themes.values_list("slug", flat=True)),
        sorted(need.target_groups.values_list("slug", flat=True)),
        sorted(need.endorsements.values_list("municipality__code", flat=True)),
    )


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_the_export_holds_only_what_the_user_sees(cast, needs) -> None:
    records = json.loads(client_for(cast.viewer).get("/behov/export.json").content)["needs"]
    assert DEMO_DRAFT not in [r["external_id"] for r in records]
    assert client_for(cast.outsider).get("/behov/export.json").json() == {"needs": []}


def test_the_import_page_reports_each_record(cast, needs) -> None:
    content = json.dumps(
        {
            "needs": [
                {"external_id": "n-0160-050", "municipality": "0160", "title": "Täbys"},
                {"external_id": "n-0184-050", "municipality": "0184", "title": "Solnas"},
                {"external_id": "n-0160-051", "municipality": "0160"},
            ]
        }
    ).encode()
    response = client_for(cast.contact).post(
        "/behov/importera/", {"file": _upload("behov.json", content)}
    )
    report = response.context["report"]
    assert report.created == ["n-0160-050"]
    assert [(p.position, p.fatal) for p in report.problems] == [(2, True), (3, True)]
    assert "Fältet title saknas eller är tomt." in response.content.decode()


def test_an_unreadable_file_is_refused_on_the_form(cast, needs) -> None:
    response = client_for(cast.contact).post(
        "/behov/importera/", {"file": _upload("behov.json", b"not json")}
    )
    assert response.context["report"] is None
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("role", ["viewer", "steering", "admin", "outsider"])
def test_who_may_not_import_on_the_page(cast, needs, role) -> None:
    client = client_for(getattr(cast, role))
    assert client.get("/behov/importera/").status_code == 403
    content = b'{"needs": [{"external_id": "x", "municipality": "0160", "title": "X"}]}'
    response = client.post("/behov/importera/", {"file": _upload("behov.json", content)})
    assert response.status_code == 403
    assert not Need.objects.filter(external_id="x").exists()
    assert "import_form" in client.get("/behov/").context
    assert client.get("/behov/").context["import_form"] is None


def test_a_needs_page_uses_a_bounded_number_of_queries(cast, needs) -> None:
    need = _need("demo-n-0160-101")
    client = client_for(cast.coordinator)
    client.get(f"/behov/{need.pk}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/behov/{need.pk}/")
    for code in ["0114", "0115", "0117", "0123", "0125", "0139", "0163", "0183", "0186", "0187"]:
        Endorsement.objects.create(need=need, municipality=Municipality.objects.get(code=code))
    with CaptureQueriesContext(connection) as after:
        client.get(f"/behov/{need.pk}/")
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
