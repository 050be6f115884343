from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from navet.calls.models import Call
from navet.calls.services import source_save
from navet.core.tokens import api_token_create
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _titles(response) -> list[str]:
    return [row["call"].title for row in response.context["rows"]]


def test_anonymous_visitors_must_log_in(client, calls) -> None:
    assert client.get("/utlysningar/").status_code == 302


@pytest.mark.parametrize("role", ["coordinator", "steering", "contact", "viewer", "outsider"])
def test_every_logged_in_user_reads_the_calls(cast, calls, role) -> None:
    response = client_for(getattr(cast, role)).get("/utlysningar/")
    assert response.status_code == 200


def test_open_calls_are_shown_soonest_deadline_first(cast, calls) -> None:
    titles = _titles(client_for(cast.viewer).get("/utlysningar/"))
    assert titles == [
        "ESF+ programområde A2 – aktiv inkludering i Stockholms län",
        f"Utvecklingsmedel § 37 {timezone.localdate().year + 1} – kapacitet och beredskap i "
        "mottagandet",
        "AMIF – integrationsinsatser för tredjelandsmedborgare",
    ]


def test_calls_closing_the_same_day_are_in_swedish_order_across_pages(cast, calls) -> None:
    closes = timezone.now() + timedelta(days=400)  # after every demo call
    for n, word in enumerate(["Öppna", "Ändra", "Åtgärda", "Zoom", "Bygg"] * 12):
        CallFactory(title=f"{word} {n:02}", closes=closes)
    client = client_for(cast.viewer)
    first, second = client.get("/utlysningar/"), client.get("/utlysningar/?sida=2")
    assert len(_titles(first)) == 50
    ours = [t.split()[0] for t in _titles(first) + _titles(second) if t[-2:].isdigit()]
    assert (
        ours == ["Bygg"] * 12 + ["Zoom"] * 12 + ["Åtgärda"] * 12 + ["Ändra"] * 12 + ["Öppna"] * 12
    )
    assert "Visar 51–63 av 63." in second.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=closing", ["ESF+ programområde A2"]),
        ("state=soon", ["Flyktingguider och familjekontakter"]),
        ("state=closed", ["Statsbidrag för visst våldsförebyggande arbete"]),
        ("state=all&funder=migrationsverket", ["AMIF"]),
        ("state=all&programme=lst-stockholm-37a", ["Flyktingguider"]),
        ("state=all&theme=sprak", ["Flyktingguider", "AMIF"]),
        ("state=all&target_group=tredjelandsmedborgare", ["AMIF"]),
        ("state=open&no_cofinancing=on", ["Utvecklingsmedel § 37"]),
        ("state=all&text=flyktingguider", ["Flyktingguider"]),
        (
            "state=all&min_amount=15000000",
            ["ESF+", "Flyktingguider", "AMIF", "Utvecklingsmedel", "Statsbidrag"],
        ),
    ],
)
def test_filters(cast, calls, query, expected) -> None:
    titles = _titles(client_for(cast.viewer).get(f"/utlysningar/?{query}"))
    assert len(titles) == len(expected)
    for prefix in expected:
        assert any(title.startswith(prefix) for title in titles), (prefix, titles)


def test_a_nonsense_filter_falls_back_to_open_calls(cast, calls) -> None:
    response = client_for(cast.viewer).get("/utlysningar/?state=nonsens&min_amount=-5")
    assert response.status_code == 200
    assert len(_titles(response)) == 3


def test_the_call_page_shows_facts_rules_and_days_left(cast, calls) -> None:
    call = Call.objects.get(programme__slug="lst-stockholm-37")
    content = client_for(cast.contact).get(f"/utlysningar/{call.pk}/").content.decode()
    assert "om 45 dagar</span>" in content  # days left as on every page
    assert "37 § förordning (2010:1122)" in content
    assert "Mottagandekapacitet och beredskap" in content
    assert 'id="history-heading"' in content


def test_a_missing_call_is_not_found(cast, calls) -> None:
    assert client_for(cast.viewer).get("/utlysningar/999999/").status_code == 404


def test_the_funders_page_lists_programme_rules(cast, calls) -> None:
    content = client_for(cast.viewer).get("/finansiarer/").content.decode()
    assert "Allmänna arvsfonden" in content
    assert "En kommun kan bara vara samarbetspart" in content


@pytest.mark.parametrize("path", ["/utlysningar/", "/utlysningar/?state=all", "/finansiarer/"])
def test_call_pages_use_a_bounded_number_of_queries(cast, calls, path) -> None:
    client = client_for(cast.viewer)
    client.get(path)
    with CaptureQueriesContext(connection) as before:
        client.get(path)
    for n in range(15):
        CallFactory(closes=timezone.now() + timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as after:
        client.get(path)
    assert len(before) <= 12
    assert len(after) == len(before)


def test_the_api_lists_and_filters_calls(client, cast, calls) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=cast.contact)}"}
    body = client.get("/api/v1/calls?state=all&theme=sprak", **headers).json()["items"]
    assert {c["programme"] for c in body} == {"lst-stockholm-37a", "amif"}
    one = client.get(f"/api/v1/calls/{body[0]['id']}", **headers).json()
    assert one["external_id"] == body[0]["external_id"]
    assert client.get("/api/v1/calls/999999", **headers).status_code == 404
    funders = client.get("/api/v1/funders", **headers).json()["items"]
    assert any(p["slug"] == "amif" for f in funders for p in f["programmes"])


def test_the_api_refuses_an_unknown_state(client, cast, calls) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=cast.contact)}"}
    response = client.get("/api/v1/calls?state=nonsens", **headers)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_search_finds_inflected_swedish_words(cast, calls) -> None:
    client = client_for(cast.viewer)
    # The § 37 demo call: "Bidrag till kommuner och kommunalförbund för insatser …"
    exact = _titles(client.get("/utlysningar/?state=all&text=kommunalförbund"))
    assert any(title.startswith("Utvecklingsmedel § 37") for title in exact)
    inflected = _titles(client.get("/utlysningar/?state=all&text=kommunalförbunden"))
    assert any(title.startswith("Utvecklingsmedel § 37") for title in inflected)


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_a_coordinator_registers_a_call_through_the_api(client, cast, calls) -> None:
    response = client.post(
        "/api/v1/calls",
        {
            "title": "Språkcaféer i samverkan",
            "closes": "2027-02-01T15:00:00",
            "funder": "lansstyrelsen-stockholm",
            "programme": "lst-stockholm-37a",
            "eligible_applicants": ["kommun"],
            "themes": ["sprak"],
        },
        content_type="application/json",
        **_bearer(cast.coordinator),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["programme"] == "lst-stockholm-37a"
    assert body["themes"] == ["sprak"]
    assert body["closes"].startswith("2027-02-01T14:00:00")  # 15:00 Stockholm time, in UTC


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"title": "T", "closes": "2027-02-01T15:00:00", "opens": "2027-03-01T00:00:00"}, 400),
        ({"title": "T", "closes": "2027-02-01T15:00:00", "funder": "finns-inte"}, 404),
        ({"title": "", "closes": "2027-02-01T15:00:00"}, 422),
        ({"title": "T", "closes": "inte en tid"}, 422),
    ],
)
def test_bad_api_calls_are_explained_and_store_nothing(client, cast, calls, payload, status):
    before = Call.objects.count()
    response = client.post(
        "/api/v1/calls", payload, content_type="application/json", **_bearer(cast.coordinator)
    )
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]
    assert Call.objects.count() == before


@pytest.mark.parametrize("role", ["steering", "contact", "viewer"])
def test_the_api_refuses_writes_by_others(client, cast, calls, role) -> None:
    headers = _bearer(getattr(cast, role))
    call = {"title": "T", "closes": "2027-02-01T15:00:00"}
    response = client.post("/api/v1/calls", call, content_type="application/json", **headers)
    assert response.status_code == 403
    source = {"name": "X", "format": "rss", "url": "https://example.se/rss"}
    response = client.post("/api/v1/sources", source, content_type="application/json", **headers)
    assert response.status_code == 403
    assert client.get("/api/v1/sources", **headers).status_code == 200  # everyone reads
    assert not Call.objects.filter(title="T").exists()


def test_a_coordinator_starts_a_source_run_through_the_api(client, cast, calls, feed_server):
    source = source_save(
        actor=cast.coordinator,
        name="Flöde",
        format="rss",
        url=f"{feed_server}/feed_lansstyrelsen.xml",
        schedule="daily",
    )
    headers = _bearer(cast.coordinator)
    assert client.get("/api/v1/sources", **headers).json()["items"][0]["name"] == "Flöde"
    response = client.post(f"/api/v1/sources/{source.pk}/runs", **headers)
    assert response.status_code == 202
    run = client.get(f"/api/v1/runs/{response.json()['id']}", **headers).json()
    assert run["status"] == "queued"


def test_a_coordinator_adds_a_source_through_the_api(client, cast, calls) -> None:
    response = client.post(
        "/api/v1/sources",
        {
            "name": "EU-portalen",
            "format": "sedia",
            "url": "https://api.example.eu/search",
            "schedule": "weekly",
            "funder": "europeiska-kommissionen",
        },
        content_type="application/json",
        **_bearer(cast.coordinator),
    )
    assert response.status_code == 201, response.content
    assert response.json()["format"] == "sedia"
    bad = client.post(
        "/api/v1/sources",
        {"name": "X", "format": "pdf", "url": "https://example.se"},
        content_type="application/json",
        **_bearer(cast.coordinator),
    )
    assert bad.status_code == 422
