import pytest
from django.test import Client

from navet.calls.models import Call
from navet.calls.services import call_classify, calls_import, funders_seed
from navet.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db

WITHOUT_THEMES = {
    "external_id": "lst-37a-utan-teman",
    "funder": "Länsstyrelsen Stockholm",
    "programme": "§ 37 a",
    "title": "Flyktingguider och familjekontakter",
    "description": (
        "Bidrag till kommuner för verksamhet med flyktingguider och familjekontakter som stödjer "
        "språkinlärning och skapar nätverk för nyanlända, särskilt föräldralediga."
    ),
    "closes": "2027-05-03",
}


@pytest.fixture
def call(db) -> Call:
    funders_seed()
    calls_import(actor=None, records=[WITHOUT_THEMES], source="test")
    return Call.objects.get(external_id="lst-37a-utan-teman")


def test_a_call_without_themes_gets_suggestions_with_their_evidence(call) -> None:
    assert call.classification == Call.Classification.INFERRED
    themes = set(call.themes.values_list("slug", flat=True))
    assert {"flyktingguider-natverk", "sprak"} <= themes
    assert "brottsforebyggande" not in themes
    assert call.evidence["themes"]["flyktingguider-natverk"]


def test_reimporting_keeps_the_same_suggestions(call) -> None:
    report = calls_import(actor=None, records=[WITHOUT_THEMES], source="test")
    assert report.unchanged == ["lst-37a-utan-teman"]


def test_its_own_suggestions_exported_and_read_back_stay_suggestions(call) -> None:
    exported = {
        **WITHOUT_THEMES,
        "themes": list(call.themes.values_list("slug", flat=True)),
        "target_groups": list(call.target_groups.values_list("slug", flat=True)),
    }
    report = calls_import(actor=None, records=[exported], source="test")
    assert report.unchanged == ["lst-37a-utan-teman"]
    call.refresh_from_db()
    assert call.classification == Call.Classification.INFERRED
    assert call.evidence["themes"]["flyktingguider-natverk"]


def test_the_coordinators_choice_survives_a_later_import(call, cast) -> None:
    call_classify(actor=cast.coordinator, call=call, themes=["sprak"], target_groups=[])

    calls_import(actor=None, records=[WITHOUT_THEMES], source="test")

    call.refresh_from_db()
    assert call.classification == Call.Classification.CONFIRMED
    assert list(call.themes.values_list("slug", flat=True)) == ["sprak"]
    assert call.evidence == {}


def test_themes_given_by_the_source_replace_suggestions(call) -> None:
    given = {**WITHOUT_THEMES, "themes": ["civilsamhalle"]}
    calls_import(actor=None, records=[given], source="test")
    call.refresh_from_db()
    assert call.classification == Call.Classification.GIVEN
    assert list(call.themes.values_list("slug", flat=True)) == ["civilsamhalle"]


@pytest.mark.parametrize("role", ["steering", "contact", "viewer"])
def test_only_coordinators_and_admins_classify(call, cast, role) -> None:
    with pytest.raises(PermissionDenied):
        call_classify(actor=getattr(cast, role), call=call, themes=[], target_groups=[])
    assert call.themes.exists()


def test_unknown_slugs_are_refused(call, cast) -> None:
    with pytest.raises(DomainError, match="finns-inte"):
        call_classify(actor=cast.coordinator, call=call, themes=["finns-inte"], target_groups=[])


def test_the_call_page_shows_the_evidence_and_lets_the_coordinator_correct(call, cast) -> None:
    client = Client()
    client.force_login(cast.coordinator)
    page = client.get(f"/utlysningar/{call.pk}/").content.decode()
    assert "Föreslagna av Navet" in page
    assert "flyktingguider" in page

    response = client.post(
        f"/utlysningar/{call.pk}/", {"themes": ["sprak", "foraldraskap"], "target_groups": []}
    )

    assert response.status_code == 302
    assert set(call.themes.values_list("slug", flat=True)) == {"sprak", "foraldraskap"}


def test_a_contact_cannot_post_a_classification(call, cast) -> None:
    client = Client()
    client.force_login(cast.contact)
    page = client.get(f"/utlysningar/{call.pk}/").content.decode()
    assert "Rätta teman och målgrupper" not in page
    response = client.post(f"/utlysningar/{call.pk}/", {"themes": ["sprak"]})
    assert response.status_code == 403
    assert call.classification == Call.Classification.INFERRED


def test_themes_from_the_source_never_replace_the_coordinators_choice(call, cast) -> None:
    call_classify(actor=cast.coordinator, call=call, themes=["sprak"], target_groups=[])
    calls_import(actor=None, records=[{**WITHOUT_THEMES, "themes": ["halsa"]}], source="test")
    assert list(call.themes.values_list("slug", flat=True)) == ["sprak"]
