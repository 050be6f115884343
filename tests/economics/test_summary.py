"""A member's year on one printable page, and the viewer's year in numbers on the start page."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from navet.economics.models import ResourceCost
from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(cast) -> int:
    """Koordination Norrort's year: 150 000 kr of cost in equal parts, and Täby's granted
    project with Solna, of which 20 000 kr was paid back."""
    norrort = Consortium.objects.get(slug="koordination-norrort")
    this_year = timezone.localdate().year
    ResourceCost.objects.create(consortium=norrort, year=this_year, cost_sek=150_000)
    ProjectFactory(
        consortium=norrort,
        owner=Municipality.objects.get(code="0160"),
        participants=[Municipality.objects.get(code="0184")],
        title="Språkstöd i förskolan",
        status=Project.Status.RUNNING,
        starts_on=date(this_year, 1, 1),
        ends_on=date(this_year + 1, 12, 31),
        requested_sek=1_000_000,
        granted_sek=800_000,
        repaid_sek=20_000,
    )
    return this_year


def test_a_members_page_says_what_the_resource_costs_and_brings(client, cast, year) -> None:
    client.force_login(cast.viewer)
    url = reverse("economics:municipality-summary", args=["koordination-norrort", year, "0160"])
    page = client.get(url).content.decode()
    assert f"Täby i det gemensamma arbetet {year}" in page
    # 150 000 kr in 15 equal parts; half of the grant, less half of what was paid back.
    assert "10\xa0000\xa0kr" in page
    assert "400\xa0000\xa0kr" in page
    assert "390\xa0000\xa0kr" in page  # kept
    assert "380\xa0000\xa0kr" in page  # net
    assert "Beviljat minus det som betalades tillbaka till finansiären." in page
    assert "Språkstöd i förskolan" in page


def test_a_municipality_outside_the_consortium_has_no_page(client, cast, year) -> None:
    client.force_login(cast.coordinator)
    url = reverse("economics:municipality-summary", args=["koordination-norrort", year, "0180"])
    assert client.get(url).status_code == 404
    client.force_login(cast.sodertorn_coordinator)
    url = reverse("economics:municipality-summary", args=["koordination-norrort", year, "0160"])
    assert client.get(url).status_code == 404


def test_the_viewers_home_shows_the_year_in_numbers_and_the_running_projects(
    client, cast, year
) -> None:
    client.force_login(cast.viewer)
    page = client.get(reverse("dashboard")).content.decode()
    assert f"Året {year} i siffror: Koordination Norrort" in page
    assert "800\xa0000\xa0kr" in page
    assert "Språkstöd i förskolan" in page
    assert (
        reverse("economics:municipality-summary", args=["koordination-norrort", year, "0191"])
        in page
    )
