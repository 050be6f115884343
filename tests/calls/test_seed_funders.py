"""Set-up steps in any order: seeding adopts what an import created, and programmes are found
however people spell them."""

import pytest

from navet.calls.models import Call, Funder, Programme
from navet.calls.services import calls_import, funders_seed, spelling_key

pytestmark = pytest.mark.django_db


def _call(external_id: str, funder: str, programme: str) -> dict[str, str]:
    return {
        "external_id": external_id,
        "title": "Utlysning",
        "closes": "2027-03-15",
        "funder": funder,
        "programme": programme,
    }


def test_seeding_after_an_import_adopts_the_funder_it_created() -> None:
    calls_import(actor=None, records=[_call("esf-1", "Svenska ESF-rådet", "")], source="test")
    created = Funder.objects.get(name="Svenska ESF-rådet")

    funders_seed()

    adopted = Funder.objects.get(name="Svenska ESF-rådet")
    assert adopted.pk == created.pk
    assert adopted.slug == "esf-radet"
    assert Call.objects.get(external_id="esf-1").funder_id == adopted.pk
    assert adopted.programmes.filter(name="ESF+").exists()


def test_seeding_twice_changes_nothing_after_adopting() -> None:
    calls_import(actor=None, records=[_call("esf-1", "Svenska ESF-rådet", "")], source="test")
    funders_seed()
    again = funders_seed()
    assert again == {"funders": 0, "programmes": 0}
    assert Funder.objects.filter(name="Svenska ESF-rådet").count() == 1


@pytest.mark.parametrize(
    ("spelt", "slug"),
    [
        ("37 a §", "lst-stockholm-37a"),
        ("§37a", "lst-stockholm-37a"),
        ("paragraf 37 a", "lst-stockholm-37a"),
        ("paragraf 37", "lst-stockholm-37"),
        ("§ 37", "lst-stockholm-37"),
        ("37 §", "lst-stockholm-37"),
    ],
)
def test_an_import_finds_the_programme_however_it_is_spelt(spelt: str, slug: str) -> None:
    funders_seed()
    report = calls_import(
        actor=None, records=[_call("lst-1", "Länsstyrelsen Stockholm", spelt)], source="test"
    )
    assert report.problems == []
    assert Call.objects.get(external_id="lst-1").programme == Programme.objects.get(slug=slug)


def test_spelling_keeps_different_programmes_apart() -> None:
    assert spelling_key("§ 37") != spelling_key("§ 37 a")
    assert spelling_key("ESF+") == spelling_key("esf +")
