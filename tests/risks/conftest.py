import pytest

from navet.organisations.models import Consortium, Municipality
from navet.projects.models import Project
from navet.risks.models import Risk
from navet.risks.services import risk_create
from tests.factories import ProjectFactory


@pytest.fixture
def norrort(county) -> Consortium:
    return Consortium.objects.get(slug="koordination-norrort")


@pytest.fixture
def idea(cast, norrort) -> Project:
    """A project idea owned by Täby (whose contact is `cast.contact`)."""
    return ProjectFactory(
        consortium=norrort, owner=Municipality.objects.get(code="0160"), title="Läxhjälp"
    )


@pytest.fixture
def consensus(cast, norrort) -> Risk:
    return risk_create(
        actor=cast.coordinator,
        consortium=norrort,
        title="Svårt att samverka och nå konsensus",
        likelihood="high",
        consequence="very_serious",
        owner=cast.coordinator,
        measures="Klargör tidigt hur resursen arbetar.",
    )
