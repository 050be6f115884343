"""The fit in words is the same everywhere: the API and `navet match --json` give the score as a
number and its label beside it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from navet.matching.engine import fit_label
from tests.factories import CallFactory, NeedFactory
from tests.matching.test_api import bearer
from tests.matching.test_matches_page import matched, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(cast):
    CallFactory(external_id="digital", title="Digitala färdigheter och e-tjänster för nyanlända")
    for topic in ("Bostad", "Arbete", "Språk"):
        CallFactory(external_id=topic, title=f"{topic} för nyanlända")
    return NeedFactory(
        external_id="n-0191-1",
        municipality=municipality("0191"),
        title="Motverka digitalt utanförskap bland nyanlända",
        description="Många klarar inte e-tjänster och BankID.",
    )


def test_the_api_gives_each_suggestion_its_label(client, cast, need) -> None:
    body = client.get(f"/api/v1/needs/{need.pk}/suggestions", **bearer(cast.viewer)).json()
    for suggestion in body["suggestions"]:
        assert suggestion["label"] == str(fit_label(suggestion["score"]))
    assert body["suggestions"][0]["label"] in ("Mycket god", "God")


def test_the_api_gives_each_good_match_its_label(client, cast, need) -> None:
    matched(need, CallFactory(title="Digital delaktighet"), score=0.45)
    body = client.get("/api/v1/matches", **bearer(cast.coordinator)).json()
    items = body["items"] if isinstance(body, dict) else body
    assert [m["label"] for m in items] == ["God"]


def test_match_json_gives_the_score_as_a_number_and_the_label(need) -> None:
    out = StringIO()
    today = timezone.localdate().isoformat()
    call_command("match", "--json", "--need", "n-0191-1", "--today", today, stdout=out)
    [entry] = json.loads(out.getvalue())["needs"]
    first = entry["suggestions"][0]
    assert first["call"] == "digital"
    assert isinstance(first["score"], float)
    assert first["label"] is not None
    assert first["label"] == str(fit_label(first["score"]))
    assert all(s["label"] == str(fit_label(s["score"])) for s in entry["suggestions"])


def test_match_json_speaks_swedish_whatever_the_active_language(need) -> None:
    """The interchange format gives Swedish reasons and labels (DESIGN.md)."""
    out = StringIO()
    today = timezone.localdate().isoformat()
    with translation.override("en"):
        call_command("match", "--json", "--need", "n-0191-1", "--today", today, stdout=out)
        english = str(fit_label(0.45))
    first = json.loads(out.getvalue())["needs"][0]["suggestions"][0]
    assert "tema: digital inkludering" in first["reasons"]
    assert any(reason.startswith("stänger om ") for reason in first["reasons"])
    assert first["label"] in ("Mycket god", "God", "Möjlig")
    assert english == "Good"


def test_a_page_reads_the_stored_reasons_in_the_readers_language(client, cast, need) -> None:
    call = CallFactory(title="Digital delaktighet")
    matched(need, call, score=0.45)
    client.force_login(cast.coordinator)
    swedish = client.get("/matchningar/").content.decode()
    assert "tema: språk" in swedish
    with translation.override("en"):
        english = client.get("/matchningar/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "theme: språk" in english
