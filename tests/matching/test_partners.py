"""Partners and overlaps from the needs' texts, on constructed cases: the municipality whose need
says almost the same in other words, and the projects that already answer a similar need."""

import pytest

from navet.matching.selectors import matcher_for, overlapping_projects, partners_for
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.factories import CallFactory, NeedFactory, ProjectFactory

DIGITAL = {
    "title": "Motverka digitalt utanförskap bland nyanlända",
    "description": "Många nyanlända saknar BankID och klarar inte e-tjänster på egen hand.",
}
# The same need in other words: no shared title word, the same concepts and some of the words.
SAME_IN_OTHER_WORDS = {
    "title": "Digital delaktighet för nya invånare",
    "description": "Stöd med e-legitimation, BankID och digitala samhällstjänster.",
}
ONLY_THE_PEOPLE = {
    "title": "Meningsfull fritid för nyanlända barn",
    "description": "Idrott och föreningsliv under loven.",
}


@pytest.fixture
def setting(county):
    # the calls, as the county's: most of them for the newly arrived
    for topic in ("Digitala färdigheter", "Bostad", "Arbete", "Språk"):
        CallFactory(external_id=topic, title=f"{topic} för nyanlända")
    place = {code: Municipality.objects.get(code=code) for code in ("0191", "0114", "0160")}
    need = NeedFactory(municipality=place["0191"], **DIGITAL)
    return {
        "need": need,
        "place": place,
        "norrort": Consortium.objects.get(slug="koordination-norrort"),
    }


def test_the_municipality_saying_almost_the_same_in_other_words_is_a_partner(setting) -> None:
    place = setting["place"]
    NeedFactory(municipality=place["0114"], **SAME_IN_OTHER_WORDS)
    NeedFactory(municipality=place["0160"], **ONLY_THE_PEOPLE)
    partners = dict(partners_for(setting["need"], matcher_for_now()))
    assert place["0114"] in partners
    assert any(r.startswith("liknande behov: Digital delaktighet") for r in partners[place["0114"]])
    assert place["0160"] not in partners  # only the newly arrived in common


def test_another_municipalitys_draft_suggests_no_partner(setting) -> None:
    place = setting["place"]
    NeedFactory(municipality=place["0114"], status="draft", **SAME_IN_OTHER_WORDS)
    assert place["0114"] not in dict(partners_for(setting["need"], matcher_for_now()))


def test_projects_answering_a_similar_need_are_shown_running_planned_or_finished(
    setting, cast
) -> None:
    place, norrort = setting["place"], setting["norrort"]
    similar = NeedFactory(municipality=place["0114"], **SAME_IN_OTHER_WORDS)
    unrelated = NeedFactory(municipality=place["0160"], **ONLY_THE_PEOPLE)
    running = ProjectFactory(
        consortium=norrort, owner=place["0114"], needs=[similar], status=Project.Status.RUNNING
    )
    planned = ProjectFactory(
        consortium=norrort, owner=place["0114"], needs=[similar], status=Project.Status.IDEA
    )
    finished = ProjectFactory(
        consortium=norrort,
        owner=place["0160"],
        needs=[],
        title="Digital inkludering: BankID och e-tjänster för nyanlända",
        status=Project.Status.FINISHED,
    )
    ProjectFactory(
        consortium=norrort, owner=place["0114"], needs=[similar], status=Project.Status.REFUSED
    )
    ProjectFactory(consortium=norrort, owner=place["0160"], needs=[unrelated])
    ProjectFactory(consortium=norrort, owner=place["0191"], needs=[setting["need"]])
    found = overlapping_projects(setting["need"], matcher_for_now(), cast.coordinator)
    assert {o.project for o in found} == {running, planned, finished}
    reasons = {o.project: o.reasons[0] for o in found}
    assert reasons[running].startswith("liknande behov: Digital delaktighet för nya invånare")
    assert reasons[finished].startswith("liknande projekt")


def test_a_project_of_a_consortium_the_user_cannot_see_is_not_shown(setting, cast) -> None:
    sodertorn = Consortium.objects.get(slug="etablering-sodertorn")
    huddinge = Municipality.objects.get(code="0126")
    similar = NeedFactory(municipality=huddinge, **SAME_IN_OTHER_WORDS)
    ProjectFactory(consortium=sodertorn, owner=huddinge, needs=[similar])
    assert overlapping_projects(setting["need"], matcher_for_now(), cast.coordinator) == []


def test_the_need_page_shows_fit_in_words_and_the_projects(setting, client, cast) -> None:
    place, norrort = setting["place"], setting["norrort"]
    similar = NeedFactory(municipality=place["0114"], **SAME_IN_OTHER_WORDS)
    ProjectFactory(
        consortium=norrort,
        owner=place["0114"],
        needs=[similar],
        title="E-tjänstlotsar i Upplands Väsby",
        status=Project.Status.RUNNING,
    )
    client.force_login(cast.coordinator)
    html = client.get(f"/behov/{setting['need'].pk}/forslag/").content.decode()
    assert "Digitala färdigheter för nyanlända" in html
    assert any(label in html for label in ("Mycket god", "God", "Möjlig"))
    assert "Projekt som redan svarar mot liknande behov" in html
    assert "E-tjänstlotsar i Upplands Väsby" in html


def matcher_for_now():
    from django.utils import timezone

    return matcher_for(timezone.now()).matcher
