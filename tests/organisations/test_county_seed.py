import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from navet.organisations.models import Consortium, ConsortiumMembership, Municipality

pytestmark = pytest.mark.django_db


def test_seed_county_loads_all_26_municipalities_with_facts() -> None:
    call_command("seed", "county", stdout=None)

    assert Municipality.objects.count() == 26
    sollentuna = Municipality.objects.get(code="0163")
    assert sollentuna.name == "Sollentuna"
    assert sollentuna.population == 77624
    assert sollentuna.population_year == 2024
    assert sollentuna.county_code == "01"
    assert set(sollentuna.neighbours.values_list("code", flat=True)) == {
        "0114",
        "0123",
        "0160",
        "0162",
        "0180",
        "0183",
        "0184",
    }
    # Borders are symmetrical, and island municipalities have none in the county.
    assert Municipality.objects.get(code="0183").neighbours.filter(code="0163").exists()
    assert not Municipality.objects.get(code="0186").neighbours.exists()


def test_seed_county_loads_the_consortia_and_their_members() -> None:
    call_command("seed", "county")

    norrort = Consortium.objects.get(slug="koordination-norrort")
    assert norrort.members.count() == 15
    assert set(norrort.members.values_list("name", flat=True)) >= {
        "Vaxholm",
        "Österåker",
        "Sigtuna",
    }
    assert not norrort.members.filter(code="0180").exists()
    assert Consortium.objects.get(slug="etablering-sodertorn").members.count() == 8
    assert Consortium.objects.get(slug="stockholms-lan").members.count() == 26
    # Nacka belongs only to the county-wide agreement.
    assert list(Municipality.objects.get(code="0182").consortia.values_list("slug", flat=True)) == [
        "stockholms-lan"
    ]


def test_reseeding_changes_nothing() -> None:
    call_command("seed", "county")
    counts = (
        Municipality.objects.count(),
        ConsortiumMembership.objects.count(),
        Municipality.neighbours.through.objects.count(),
        LogEntry.objects.count(),
    )

    call_command("seed", "county")

    assert counts == (
        Municipality.objects.count(),
        ConsortiumMembership.objects.count(),
        Municipality.neighbours.through.objects.count(),
        LogEntry.objects.count(),
    )


def test_seed_county_gives_only_the_organisation_numbers_known_for_sure() -> None:
    call_command("seed", "county")

    numbers = dict(Municipality.objects.values_list("code", "organisation_number"))
    assert numbers["0180"] == "212000-0142"
    assert numbers["0163"] == "212000-0134"
    assert numbers["0160"] == ""  # Täby's is not in Navet's sources: nothing rather than a guess


def test_seed_county_fills_a_missing_organisation_number_and_keeps_one_set_in_navet() -> None:
    call_command("seed", "county")
    Municipality.objects.filter(code="0180").update(organisation_number="")
    Municipality.objects.filter(code="0163").update(organisation_number="212000-9999")

    call_command("seed", "county")

    numbers = dict(Municipality.objects.values_list("code", "organisation_number"))
    assert numbers["0180"] == "212000-0142"
    assert numbers["0163"] == "212000-9999"
